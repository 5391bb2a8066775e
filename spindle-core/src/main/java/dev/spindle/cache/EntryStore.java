package dev.spindle.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes an entry's bytes to a new file: the one place a full disk can strike, so tests can make it strike. */
@FunctionalInterface
interface EntryStore {

    void write(Path file, byte[] bytes) throws IOException;

    /** The real one. */
    EntryStore FILES = (file, bytes) -> {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    };
}
