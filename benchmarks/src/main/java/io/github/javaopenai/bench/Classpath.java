package io.github.javaopenai.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Finds the jars of each client on this JVM's class path, to start child JVMs with only what a
 * client needs and to weigh each client's runtime jars.
 */
final class Classpath {

    /** Repository folders of the official SDK and everything it brings at run time. */
    private static final List<String> SDK_GROUPS = List.of("/com/openai/", "/com/squareup/", "/org/jetbrains/",
            "/com/fasterxml/", "/com/github/victools/", "/org/slf4j/", "/io/swagger/", "/com/google/errorprone/");

    private Classpath() {
    }

    /** Returns every entry of the class path, expanding a manifest-only jar (as surefire uses). */
    static List<Path> entries() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Path.of(entry).toAbsolutePath());
            }
        }
        if (entries.size() == 1 && entries.get(0).toString().endsWith(".jar")) {
            entries.addAll(manifestClassPath(entries.get(0)));
        }
        return entries;
    }

    private static List<Path> manifestClassPath(Path jar) {
        List<Path> entries = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath != null) {
                for (String url : classPath.trim().split("\\s+")) {
                    entries.add(Path.of(jar.getParent().toUri().resolve(new URI(url))));
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read the class path of " + jar, e);
        }
        return entries;
    }

    /** Returns where a class was loaded from: a jar or a classes folder. */
    static Path of(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Classes of core's runtime dependencies, to find their jars when no class path is given. */
    private static final List<String> CORE_DEPENDENCIES = List.of(
            "com.fasterxml.jackson.databind.ObjectMapper", "com.fasterxml.jackson.core.JsonFactory",
            "com.fasterxml.jackson.annotation.JsonProperty", "com.github.victools.jsonschema.generator.SchemaGenerator",
            "com.github.victools.jsonschema.module.jackson.JacksonModule", "com.fasterxml.classmate.TypeResolver",
            "org.slf4j.Logger");

    /**
     * Returns the runtime jars of this library: core and its dependencies, from the system property
     * {@code bench.thisClasspath} (which {@code scripts/bench} sets from Maven), or else found by
     * where their classes load from.
     */
    static List<Path> thisLibrary() {
        String configured = System.getProperty("bench.thisClasspath");
        if (configured != null && !configured.isBlank()) {
            return java.util.Arrays.stream(configured.split(File.pathSeparator)).filter(e -> !e.isBlank())
                    .map(Path::of).toList();
        }
        List<Path> jars = new ArrayList<>(List.of(of(io.github.javaopenai.OpenAI.class)));
        for (String name : CORE_DEPENDENCIES) {
            try {
                Path jar = of(Class.forName(name, false, Classpath.class.getClassLoader()));
                if (!jars.contains(jar)) {
                    jars.add(jar);
                }
            } catch (ClassNotFoundException e) {
                // not a dependency of this version of core
            }
        }
        return jars;
    }

    /** Returns the Jackson jars alone: what the floor needs besides the JDK. */
    static List<Path> jackson() {
        return List.of(of(com.fasterxml.jackson.databind.ObjectMapper.class),
                of(com.fasterxml.jackson.core.JsonFactory.class),
                of(com.fasterxml.jackson.annotation.JsonProperty.class));
    }

    /** Returns the official SDK's runtime jars, as found on the class path. */
    static List<Path> officialSdk() {
        List<Path> jars = new ArrayList<>();
        for (Path entry : entries()) {
            String path = entry.toString().replace(File.separatorChar, '/');
            // OkHttp 5, for this library's OkHttp transport, shares OkHttp 4's packages.
            if (path.endsWith(".jar") && SDK_GROUPS.stream().anyMatch(path::contains) && !path.contains("/okhttp-jvm/")) {
                jars.add(entry);
            }
        }
        return jars;
    }

    /**
     * Returns the jars this library's OkHttp transport adds to core's: the module itself, OkHttp 5,
     * Okio and the Kotlin library, from the system property {@code bench.okhttpClasspath} (which
     * {@code scripts/bench} sets from Maven), or else found on the class path.
     */
    static List<Path> okHttpTransport() {
        String configured = System.getProperty("bench.okhttpClasspath");
        if (configured != null && !configured.isBlank()) {
            return java.util.Arrays.stream(configured.split(File.pathSeparator)).filter(e -> !e.isBlank())
                    .map(Path::of).toList();
        }
        List<Path> jars = new ArrayList<>(List.of(of(io.github.javaopenai.okhttp.OkHttpTransport.class)));
        for (Path entry : entries()) {
            String path = entry.toString().replace(File.separatorChar, '/');
            if (path.contains("/okhttp-jvm/") || path.contains("/com/squareup/okio/") || path.contains("/org/jetbrains/")) {
                jars.add(entry);
            }
        }
        return jars;
    }

    /** Returns the harness's own classes folder or jar. */
    static Path harness() {
        return of(Classpath.class);
    }

    /** Joins paths into a class path string. */
    static String join(List<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
    }

    /** Returns the total size in bytes of the given files, or of the files under a folder. */
    static long bytes(List<Path> paths) {
        long total = 0;
        for (Path path : paths) {
            try (var files = Files.walk(path)) {
                total += files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            } catch (IOException e) {
                throw new IllegalStateException("cannot size " + path, e);
            }
        }
        return total;
    }
}
