package io.github.javaopenai;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the library's shape (docs/ARCHITECTURE.md): packages form layers whose dependencies only
 * point down, no two packages depend on each other, and only API packages are exported.
 */
class ArchitectureTest {

    private static final String ROOT = "io.github.javaopenai";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(ROOT);
        assertThat(classes.contain(OpenAI.class)).as("the main classes were imported").isTrue();
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().assignedFrom(eachPackage()).should().beFreeOfCycles().check(classes);
    }

    @Test
    void dependenciesOnlyPointDownTheLayers() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Entry").definedBy(ROOT)
                .layer("Areas").definedBy(ROOT + ".endpoints..", ROOT + ".sessions..", ROOT + ".structured..",
                        ROOT + ".batch..", ROOT + ".webhooks..", ROOT + ".realtime..")
                .layer("Engine").definedBy(ROOT + ".internal.engine..")
                .layer("Listener").definedBy(ROOT + ".listener..")
                .layer("Results").definedBy(ROOT + ".core..")
                .layer("Foundation").definedBy(ROOT + ".transport..", ROOT + ".sse..", ROOT + ".errors..",
                        ROOT + ".providers..", ROOT + ".internal")
                .whereLayer("Entry").mayNotBeAccessedByAnyLayer()
                .whereLayer("Areas").mayOnlyBeAccessedByLayers("Entry")
                .whereLayer("Engine").mayOnlyBeAccessedByLayers("Entry", "Areas")
                .whereLayer("Listener").mayOnlyBeAccessedByLayers("Entry", "Areas", "Engine")
                .whereLayer("Results").mayOnlyBeAccessedByLayers("Entry", "Areas", "Engine", "Listener")
                .check(classes);
    }

    @Test
    void everyPackageBelongsToALayer() {
        Set<String> layered = Set.of(ROOT, ROOT + ".endpoints", ROOT + ".sessions", ROOT + ".structured",
                ROOT + ".batch", ROOT + ".webhooks", ROOT + ".realtime", ROOT + ".internal.engine", ROOT + ".listener",
                ROOT + ".core", ROOT + ".transport",
                ROOT + ".sse", ROOT + ".errors", ROOT + ".providers", ROOT + ".internal");
        assertThat(packages()).as("a new package needs a place in the layers above").isSubsetOf(layered);
    }

    @Test
    void theEntryPackageHoldsOnlyTheClient() {
        Set<String> topLevel = classes.stream()
                .filter(c -> c.getPackageName().equals(ROOT) && c.isTopLevelClass())
                .map(JavaClass::getSimpleName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(topLevel).containsExactlyInAnyOrder("OpenAI", "package-info");
    }

    @Test
    void onlyApiPackagesAreExported() throws IOException, URISyntaxException {
        // Read from where OpenAI was loaded: on the class path, "/module-info.class" may be the JDK's.
        Path classesRoot = Path.of(OpenAI.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor module;
        try (InputStream in = Files.newInputStream(classesRoot.resolve("module-info.class"))) {
            module = ModuleDescriptor.read(in);
        }
        assertThat(module.name()).isEqualTo(ROOT);
        Set<String> exported = module.exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> api = packages().stream()
                .filter(p -> !(p.equals(ROOT + ".internal") || p.startsWith(ROOT + ".internal.")))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(exported).isEqualTo(api);
    }

    private static Set<String> packages() {
        return classes.stream().map(JavaClass::getPackageName).collect(Collectors.toCollection(TreeSet::new));
    }

    /** One slice per package, the root package included, so internal and internal.engine stay apart. */
    private static SliceAssignment eachPackage() {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String pkg = javaClass.getPackageName();
                return pkg.startsWith(ROOT) ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "each package of " + ROOT;
            }
        };
    }
}
