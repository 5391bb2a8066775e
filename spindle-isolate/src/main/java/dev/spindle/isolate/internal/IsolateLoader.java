package dev.spindle.isolate.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One worker's class loader: child-first over the application's class path, so that the user's
 * classes, their statics and their static initialisers exist once per worker.
 *
 * <h2>What it loads itself, and what it leaves to the application's loader</h2>
 * <ul>
 *   <li>The JDK's classes ({@code java.}, {@code javax.}, {@code jdk.}, {@code sun.}) come from the
 *       platform, as always.</li>
 *   <li>Spindle's core comes from the application's loader: a task is a {@code dev.spindle.Task},
 *       and the worker's code must see the very interface it calls. The loader's class path is the
 *       application's without the entry that holds core (and this module), so core's classes are
 *       not found here and come from the parent. By location, not by package: other classes in
 *       core's packages (the contract suite's, say) are isolated like any user class, so that a
 *       lambda and the values it captured always come from one loader. So do the packages and
 *       classes the pool was told to share.</li>
 *   <li>Everything else on the class path (the user's classes, their libraries, the testkit) is
 *       loaded by this loader from its own copy of the class path, even when the application's
 *       loader has loaded the same class: that is the isolation.</li>
 *   <li>Classes the class path does not hold (on the module path, say) come from the application's
 *       loader and are shared.</li>
 * </ul>
 */
final class IsolateLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final List<String> shared;

    IsolateLoader(String name, URL[] classPath, ClassLoader parent, List<String> shared) {
        super(name, classPath, parent);
        this.shared = List.copyOf(shared);
    }

    /** The application's class path as URLs, without the entries that hold {@code excluded} classes' code. */
    static URL[] classPath(Class<?>... excluded) {
        List<String> skip = new ArrayList<>();
        for (Class<?> c : excluded) {
            var source = c.getProtectionDomain().getCodeSource();
            if (source != null) {
                skip.add(source.getLocation().toString());
            }
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                URL url = Path.of(entry).toAbsolutePath().toUri().toURL();
                if (!skip.contains(url.toString())) {
                    urls.add(url);
                }
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
                } else {
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
