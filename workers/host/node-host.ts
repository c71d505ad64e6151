/** The host seam lives in the kernel's protocol (the kernel calls it); hosts import it from here. */
export type { LoadError, NodeHost, RoleSource } from '../kernel/protocol';
