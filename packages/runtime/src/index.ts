// The public API of this package arrives with its issue; until then it exports nothing.
export {};
