/**
 * The worker JVMs' implementation: their lifecycle, the wire protocol and serialisation. Not API.
 */
package dev.spindle.process.internal;
