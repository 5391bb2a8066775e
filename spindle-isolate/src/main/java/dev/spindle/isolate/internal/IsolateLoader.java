package dev.spindle.isolate.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One worker's class loader: child-first over the application's class path, so that the user's
 * classes, their statics and their static initialisers exist once per worker.
 *
 * <h2>What it loads itself, and what it leaves to the application's loader</h2>
 * <ul>
 *   <li>The JDK's classes ({@code java.}, {@code javax.}, {@code jdk.}, {@code sun.}) come from the
 *       platform, as always.</li>
 *   <li>Spindle's core comes from the application's loader: a task is a {@code dev.spindle.Task},
 *       and the worker's code must see the very interface it calls. A class is core's when it is
 *       in one of core's packages ({@link #CORE}) <em>and</em> the application's loader finds it
 *       where it finds {@code dev.spindle.Task} (or this module's classes, which isolates use to
 *       read their prepared values and channels): by package and location together, so that core
 *       is shared inside a shaded jar too, while other classes in core's packages (the contract
 *       suite's, say) are isolated like any user class, and a lambda and the values it captured
 *       always come from one loader.</li>
 *   <li>So do the packages and classes the pool was told to share.</li>
 *   <li>Everything else on the class path (the user's classes, their libraries, the testkit) is
 *       loaded by this loader from its own copy of the class path, even when the application's
 *       loader has loaded the same class: that is the isolation.</li>
 *   <li>Classes the class path does not hold (on the module path, say) come from the application's
 *       loader and are shared.</li>
 * </ul>
 */
final class IsolateLoader extends URLClassLoader {

    /** Spindle's core packages, and this module's: the isolate's own classes are shared too. */
    static final Set<String> CORE = Set.of("dev.spindle", "dev.spindle.spi", "dev.spindle.sync", "dev.spindle.structured",
            "dev.spindle.cache", "dev.spindle.internal", "dev.spindle.backend", "dev.spindle.isolate", "dev.spindle.isolate.internal");

    static {
        registerAsParallelCapable();
    }

    private final List<String> shared;
    private final Set<URL> coreLocations;

    IsolateLoader(String name, URL[] classPath, ClassLoader parent, List<String> shared) {
        super(name, classPath, parent);
        this.shared = List.copyOf(shared);
        this.coreLocations = new java.util.HashSet<>();
        for (Class<?> c : List.of(dev.spindle.Task.class, IsolateLoader.class)) {
            URL location = location(c);
            if (location != null) {
                coreLocations.add(location);
            }
        }
    }

    private static URL location(Class<?> c) {
        var source = c.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }

    /** The application's class path as URLs. */
    static URL[] classPath() {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                urls.add(Path.of(entry).toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException("the class path entry " + entry + " is not a location", e);
            }
        }
        return urls.toArray(URL[]::new);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                if (sharedName(name)) {
                    c = getParent().loadClass(name);
                } else if ((c = coreClass(name)) == null) {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException notOnTheClassPath) {
                        c = getParent().loadClass(name);
                    }
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    /** The application's copy of {@code name} if it is one of core's own classes, else null. */
    private Class<?> coreClass(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0 || !CORE.contains(name.substring(0, dot))) {
            return null;
        }
        try {
            Class<?> c = getParent().loadClass(name);
            return coreLocations.contains(location(c)) ? c : null;
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private boolean sharedName(String name) {
        if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
            return true;
        }
        for (String prefix : shared) {
            if (name.equals(prefix) || prefix.endsWith(".") && name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Closes the loader's jar files; its classes go once nothing refers to them. */
    void release() {
        try {
            close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return getName();
    }
}
