package dev.spindle.testkit.concurrently;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeElement;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.ArrayLoadInstruction;
import java.lang.classfile.instruction.ArrayStoreInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.MonitorInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts a call to {@link Perturbation#point()} before every field access, array access, call and
 * {@code monitorenter} of the methods of the classes it is told to perturb (constructors and
 * static initialisers are left alone: no other thread can see an object under construction
 * through them in a well-formed program). The call takes nothing from the operand stack and
 * leaves nothing, so stack maps keep their shape; the JDK's class-file API recomputes them.
 *
 * <p>The JVM calls {@link #transform} on its own threads and drops what it throws, so failures are
 * kept and rethrown to the run that asked for the class ({@link #rethrowFailure()}).
 */
final class PointInserter implements ClassFileTransformer {

    private static final ClassDesc PERTURBATION = ClassDesc.of(Perturbation.class.getName());
    private static final MethodTypeDesc VOID = MethodTypeDesc.of(ConstantDescs.CD_void);

    private final Set<String> classes = ConcurrentHashMap.newKeySet();
    private final Set<String> packages = ConcurrentHashMap.newKeySet();
    private final Set<String> instrumented = ConcurrentHashMap.newKeySet();
    private final Map<String, Throwable> failures = new ConcurrentHashMap<>();

    void addClass(String name) {
        classes.add(name);
    }

    /** Whether {@code name} is a class that a point runs or inserts, which must not call points itself. */
    static boolean isOurs(String name) {
        return name.equals(Perturbation.class.getName()) || name.startsWith(Perturbation.class.getName() + "$")
                || name.equals(PointInserter.class.getName());
    }

    /** Every class whose name starts with {@code prefix} (a package name and a dot), loaded now or later. */
    void addPackage(String prefix) {
        packages.add(prefix);
    }

    /** Whether {@code type} has its points already. */
    boolean done(Class<?> type) {
        return instrumented.contains(type.getName());
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        if (internalName == null) {
            return null;
        }
        String name = internalName.replace('/', '.');
        if (isOurs(name) || !classes.contains(name) && packages.stream().noneMatch(name::startsWith)) {
            return null;
        }
        try {
            byte[] changed = insertPoints(bytes, loader);
            instrumented.add(name);
            return changed;
        } catch (Throwable t) {
            failures.put(name, t);
            return null;
        }
    }

    private static byte[] insertPoints(byte[] bytes, ClassLoader loader) {
        ClassHierarchyResolver hierarchy = ClassHierarchyResolver.defaultResolver()
                .orElse(ClassHierarchyResolver.ofResourceParsing(loader != null ? loader : ClassLoader.getPlatformClassLoader()));
        ClassFile classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(hierarchy));
        return classFile.transformClass(classFile.parse(bytes), ClassTransform.transformingMethodBodies(
                method -> !method.methodName().equalsString(ConstantDescs.INIT_NAME) && !method.methodName().equalsString(ConstantDescs.CLASS_INIT_NAME),
                (code, element) -> {
                    if (isPoint(element)) {
                        code.invokestatic(PERTURBATION, "point", VOID);
                    }
                    code.with(element);
                }));
    }

    private static boolean isPoint(CodeElement element) {
        return element instanceof FieldInstruction || element instanceof InvokeInstruction || element instanceof InvokeDynamicInstruction
                || element instanceof ArrayLoadInstruction || element instanceof ArrayStoreInstruction
                || element instanceof MonitorInstruction monitor && monitor.opcode() == Opcode.MONITORENTER;
    }

    /** Throws what went wrong in a transformation since the last call, naming the class. */
    void rethrowFailure() {
        for (Map.Entry<String, Throwable> failure : failures.entrySet()) {
            failures.clear();
            throw new IllegalStateException("could not insert perturbation points into " + failure.getKey() + ": " + failure.getValue(), failure.getValue());
        }
    }
}
