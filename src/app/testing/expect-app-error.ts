import { expect } from 'vitest';
import { AppError } from '../app-error.ts';

/** The AppError a use case refused with; fails the test if it resolved or threw something else. */
export async function rejection(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
