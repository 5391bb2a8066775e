package dev.spindle.cluster.internal;

import dev.spindle.Task;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeJobAdapter;
import org.apache.ignite.compute.ComputeJobResult;
import org.apache.ignite.compute.ComputeTaskAdapter;
import org.apache.ignite.resources.IgniteInstanceResource;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One task on its way to a member, as Ignite carries it: the task's serialised bytes in, an
 * {@link Outcome}'s bytes out. The member rebuilds the task with its own application classes,
 * runs it on one of Ignite's job threads, and encodes whatever happened, so that a task's own
 * exception, a class the member lacks and a result that cannot travel each come back as what they
 * are, and only a failure of the cluster itself reaches Ignite's future as an exception.
 *
 * <p>A job of its own rather than a closure, so that cancelling reaches the task at once: Ignite
 * calls {@link #cancel()} on the member as soon as the caller cancels, and interrupts the job's
 * thread itself only after its failure-detection timeout (ten seconds by default).
 */
final class RemoteCall extends ComputeJobAdapter {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The first byte of the outcome. */
    enum Outcome {
        RESULT, THREW, MISSING_CLASS, UNREADABLE_TASK, UNSERIALISABLE_RESULT;

        byte[] with(byte[] body) {
            byte[] bytes = new byte[body.length + 1];
            bytes[0] = (byte) ordinal();
            System.arraycopy(body, 0, bytes, 1, body.length);
            return bytes;
        }

        byte[] with(String text) {
            return with(text.getBytes(StandardCharsets.UTF_8));
        }

        static Outcome of(byte[] bytes) {
            return values()[bytes[0]];
        }
    }

    private final byte[] task;

    @IgniteInstanceResource
    private transient Ignite ignite;
    private transient Thread runner; // guarded by this
    private transient boolean cancelled; // guarded by this

    RemoteCall(byte[] task) {
        this.task = task;
    }

    /** Interrupts the task if it runs, or stops it before it starts. */
    @Override
    public synchronized void cancel() {
        cancelled = true;
        if (runner != null) {
            runner.interrupt();
        }
    }

    @Override
    public byte[] execute() {
        synchronized (this) {
            runner = Thread.currentThread();
            if (cancelled) {
                runner.interrupt();
            }
        }
        try {
            return run();
        } finally {
            synchronized (this) {
                runner = null;
            }
            Thread.interrupted(); // a cancel that landed after the task returned must not reach Ignite's next job on this thread
        }
    }

    private byte[] run() {
        Task<?> rebuilt;
        try {
            rebuilt = (Task<?>) Payloads.decode(task, ClusterMember.of(ignite).classes());
        } catch (ClassNotFoundException e) {
            return Outcome.MISSING_CLASS.with(e.getMessage());
        } catch (IOException | RuntimeException e) {
            return Outcome.UNREADABLE_TASK.with("member " + member() + " cannot rebuild the task: " + e);
        }
        Object result;
        try {
            result = rebuilt.call();
        } catch (Throwable t) {
            return Outcome.THREW.with(Payloads.encodeFailure(t));
        }
        try {
            return Outcome.RESULT.with(Payloads.encode(result));
        } catch (NotSerializableException e) {
            return Outcome.UNSERIALISABLE_RESULT.with("member " + member() + " cannot send the task's result back: " + e.getMessage()
                    + " is not serialisable");
        } catch (IOException | RuntimeException e) {
            return Outcome.UNSERIALISABLE_RESULT.with("member " + member() + " cannot send the task's result back: " + e);
        }
    }

    private String member() {
        return ignite == null ? "?" : ClusterMember.nameOf(ignite.cluster().localNode());
    }

    /** The task Ignite runs on the caller's side: one {@link RemoteCall}, on the member chosen for it. */
    static final class OnMember extends ComputeTaskAdapter<byte[], byte[]> {

        @Serial
        private static final long serialVersionUID = 1L;

        private final transient ClusterNode member;

        OnMember(ClusterNode member) {
            this.member = member;
        }

        @Override
        public Map<? extends ComputeJob, ClusterNode> map(List<ClusterNode> members, byte[] task) {
            return Map.of(new RemoteCall(task), member);
        }

        @Override
        public byte[] reduce(List<ComputeJobResult> results) {
            return results.getFirst().getData();
        }
    }
}
