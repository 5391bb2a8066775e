package dev.spindle.cache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.invoke.SerializedLambda;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a cached function is, as a digest: its serialised form (for a lambda: the class and method
 * that implement it, and what it captured) and the instructions of the method that implements it,
 * read from its class file with the JDK's class-file API. Changing the function's body changes the
 * instructions, so its entries are no longer found; so does editing code it captured. Code the
 * function calls is not part of its identity (joblib hashes the function's source alone, too).
 */
final class FunctionIdentity {

    private FunctionIdentity() {}

    /**
     * The identity digest of {@code fn}, in hex.
     *
     * @throws IllegalArgumentException if {@code fn} cannot be serialised, naming the class
     */
    static String of(Object fn) {
        MessageDigest digest = sha256();
        Capture capture = new Capture();
        try (ObjectOutputStream out = capture.stream()) {
            out.writeObject(fn);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("cannot cache a function that is not serialisable: " + e.getMessage()
                    + " (use a lambda of a serialisable functional interface, such as TaskFunction, capturing serialisable values)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise the function " + fn.getClass().getName() + ": " + e, e);
        }
        digest.update(capture.bytes.toByteArray());
        String owner;
        String method;
        String descriptor;
        if (capture.lambda != null) {
            owner = capture.lambda.getImplClass();
            method = capture.lambda.getImplMethodName();
            descriptor = capture.lambda.getImplMethodSignature();
        } else {
            owner = fn.getClass().getName().replace('.', '/');
            method = "apply";
            descriptor = null;
        }
        digest.update(code(fn.getClass().getClassLoader(), owner, method, descriptor).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The instructions of {@code owner.method(descriptor)} as text (every method of that name if no descriptor). */
    private static String code(ClassLoader loader, String owner, String method, String descriptor) {
        ClassLoader from = loader != null ? loader : ClassLoader.getSystemClassLoader();
        try (InputStream in = from.getResourceAsStream(owner + ".class")) {
            if (in == null) {
                return "no class file for " + owner; // generated at run time: the serialised form alone identifies it
            }
            ClassModel model = ClassFile.of().parse(in.readAllBytes());
            StringBuilder text = new StringBuilder();
            for (MethodModel m : model.methods()) {
                if (m.methodName().equalsString(method) && (descriptor == null || m.methodType().equalsString(descriptor))) {
                    m.findAttribute(java.lang.classfile.Attributes.code()).ifPresent(code -> instructions((CodeModel) code, text));
                }
            }
            return text.toString();
        } catch (IOException | IllegalArgumentException e) {
            return "unreadable class file for " + owner + ": " + e;
        }
    }

    private static void instructions(CodeModel code, StringBuilder text) {
        code.forEach(element -> {
            if (element instanceof java.lang.classfile.Instruction instruction) {
                text.append(instruction).append('\n'); // symbolic: the same code gives the same text whatever the constant pool
            }
        });
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** An object stream that keeps the {@link SerializedLambda} a lambda writes itself as. */
    private static final class Capture {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SerializedLambda lambda;

        ObjectOutputStream stream() throws IOException {
            return new Recording(bytes);
        }

        private final class Recording extends ObjectOutputStream {
            Recording(OutputStream out) throws IOException {
                super(out);
                enableReplaceObject(true);
            }

            @Override
            protected Object replaceObject(Object obj) {
                if (obj instanceof SerializedLambda l && lambda == null) {
                    lambda = l;
                }
                return obj;
            }
        }
    }
}
