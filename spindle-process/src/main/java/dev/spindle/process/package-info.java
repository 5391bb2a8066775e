/**
 * A pool of worker JVMs behind Spindle's one API.
 */
package dev.spindle.process;
