package dev.spindle;

/** A registered listener; closing the subscription removes it. Closing twice does nothing. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
