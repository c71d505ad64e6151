/** A problem the learner or the machine must fix, said in one line. */
export class RealModeError extends Error {}
