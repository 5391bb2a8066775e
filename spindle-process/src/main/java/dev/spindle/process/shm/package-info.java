/**
 * Named shared memory for the processes of one machine, and the primitives built on it.
 */
package dev.spindle.process.shm;
