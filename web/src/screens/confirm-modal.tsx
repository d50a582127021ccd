import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client.ts';

// A question before a change that is hard to undo (removing a member, revoking a token), with the
// API's error in an alert when the change is refused.

interface ConfirmModalProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Red for a removal or a revocation. */
  color?: string;
  onConfirm: () => void;
  onClose: () => void;
  pending: boolean;
  error: unknown;
}

export function ConfirmModal({ title, children, confirmLabel, color = 'red', onConfirm, onClose, pending, error }: ConfirmModalProps) {
  return (
    <Modal opened onClose={onClose} title={title}>
      <Stack>
        {children}
        {error ? (
          <Alert color="red" role="alert">
            {error instanceof ApiError ? error.message : 'Plixo could not be reached. Try again in a moment.'}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color={color} onClick={onConfirm} loading={pending}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
