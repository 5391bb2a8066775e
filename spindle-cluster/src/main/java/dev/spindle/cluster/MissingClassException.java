package dev.spindle.cluster;

import java.io.Serial;
import java.util.Objects;

/**
 * A member could not load a class of the task it was sent (the task's own class, a class it
 * captures, or one of their fields): the class is not on that member's class path. Members run
 * tasks as serialised copies and never load classes from one another, so the application's classes
 * must be on every member's class path.
 */
public final class MissingClassException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String className;
    private final String member;

    public MissingClassException(String className, String member) {
        super("member " + Objects.requireNonNull(member, "member") + " cannot load class " + Objects.requireNonNull(className, "className")
                + ": it is not on that member's class path (every member needs the application's classes)");
        this.className = className;
        this.member = member;
    }

    /** The class the member could not load. */
    public String className() {
        return className;
    }

    /** The member that could not load it, {@code host:port}. */
    public String member() {
        return member;
    }
}
