package io.gureum.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Services never reach into another service's code or store: cross-service effects go through core
 * (ARCHITECTURE.md). A service module may use only core, its own packages, and the sibling APIs the
 * domain demands (EC2 builds on VPC). Core uses no service.
 */
class ModuleBoundariesTest {
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?io\\.gureum\\.([a-z0-9]+)\\.",
            Pattern.MULTILINE);
    /**
     * Module → the io.gureum packages it may import besides core and its own. The modules of one API may
     * share a plain library of that API (ec2common: EC2's error catalogue, filters, pagination).
     */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "service-ec2", Set.of("vpc", "ec2common"),
            "service-vpc", Set.of("ec2common"));

    @Test
    void modulesImportOnlyWhatTheArchitectureAllows() throws IOException {
        Path root = repositoryRoot();
        List<String> violations = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                String name = module.getFileName().toString();
                Path sources = module.resolve("src/main/java/io/gureum");
                if (!Files.isDirectory(sources) || !(name.startsWith("service-") || name.equals("emulator-core"))) {
                    continue;
                }
                Set<String> own = ownPackages(sources);
                Set<String> allowed = ALLOWED.getOrDefault(name, Set.of());
                try (Stream<Path> files = Files.walk(sources)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        Matcher m = IMPORT.matcher(Files.readString(file, StandardCharsets.UTF_8));
                        while (m.find()) {
                            String pkg = m.group(1);
                            boolean ok = own.contains(pkg) || allowed.contains(pkg)
                                    || (pkg.equals("core") && !name.equals("emulator-core"))
                                    || (name.equals("emulator-core") && pkg.equals("core"));
                            if (!ok) {
                                violations.add(root.relativize(file) + " imports io.gureum." + pkg);
                            }
                        }
                    }
                }
            }
        }
        assertTrue(violations.isEmpty(), "Module boundary violations:\n" + String.join("\n", violations));
    }

    private static Set<String> ownPackages(Path sources) throws IOException {
        try (Stream<Path> dirs = Files.list(sources)) {
            return Set.copyOf(dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).toList());
        }
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("emulator-core").resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Repository root not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
