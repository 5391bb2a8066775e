package dev.spindle.testkit.concurrently;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a parameter of a {@link Concurrently} test as the object under test that all threads of a
 * repetition share: it is made afresh for each repetition by its class's no-argument constructor
 * (which may be private), and every thread of that repetition gets the same one.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Shared {}
