/**
 * Implementation shared by Spindle's packages that no user should call: not exported by the
 * module, and free to change at any time.
 */
package dev.spindle.internal;
