import { Center, Loader } from '@mantine/core';

/** Shown while a screen's code or data loads. */
export function Loading({ height = '50vh' }: { height?: string }) {
  return (
    <Center h={height}>
      <Loader aria-label="Loading" />
    </Center>
  );
}
