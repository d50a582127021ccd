// The classified form of an inbound email is the app's vocabulary: it lives with the ports.
export type * from '../../../app/ports/inbound-email.ts';
