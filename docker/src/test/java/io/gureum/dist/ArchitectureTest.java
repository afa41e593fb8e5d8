package io.gureum.dist;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module and package rules of docs/INVARIANTS.md, checked on the compiled classes of every module
 * of the distribution (this module has them all on its class path).
 */
class ArchitectureTest {
    /** Packages of plain libraries several service modules share (no AwsService in them). */
    private static final Set<String> SHARED_LIBRARIES = Set.of("ec2common");
    /** Core's internals: the server, the dispatcher and the operation index. */
    private static final String[] CORE_INTERNALS = {"io.gureum.core.server..", "io.gureum.core.dispatch..",
        "io.gureum.core.protocol.index.."};

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.gureum");
    }

    /** The first package segment under io.gureum: {@code core}, {@code sqs}, {@code vpc} … */
    static String area(JavaClass c) {
        String rest = c.getPackageName().substring("io.gureum.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    static boolean isService(JavaClass c) {
        return c.getPackageName().startsWith("io.gureum.") && !area(c).equals("core")
                && !SHARED_LIBRARIES.contains(area(c)) && !area(c).equals("junit5") && !area(c).equals("dist")
                && !area(c).equals("bench");
    }

    @Test
    void servicesNeverUseNettyExceptLambdasRuntimeApiServer() {
        nettyRule().check(classes);
    }

    @Test
    void servicesNeverUseCoreInternals() {
        internalsRule().check(classes);
    }

    @Test
    void noServiceUsesAnotherService() {
        crossServiceRule().check(classes);
    }

    /** The rules do fail: two fixture "services", one reaching into the other and into core's dispatcher. */
    @Test
    void theRulesRefuseAViolatingFixture() {
        JavaClasses fixture = new ClassFileImporter().importClasses(io.gureum.fixturea.Reacher.class,
                io.gureum.fixtureb.Store.class, io.gureum.core.dispatch.ServiceRegistry.class);
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> crossServiceRule().check(fixture));
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> internalsRule().check(fixture));
    }

    private static ArchRule nettyRule() {
        return noClasses().that(serviceClasses()).and().resideOutsideOfPackage("io.gureum.lambda.runtime..")
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .because("services never see the wire; Lambda's Runtime API server is the one written exception");
    }

    private static ArchRule internalsRule() {
        return noClasses().that(serviceClasses()).should().dependOnClassesThat()
                .resideInAnyPackage(CORE_INTERNALS)
                .because("services build on core's spi, state, ids, time, error and protocol.RequestContext only");
    }

    private static ArchRule crossServiceRule() {
        return ArchRuleDefinition.classes().that(serviceClasses()).should(new ArchCondition<>(
                "depend only on core, shared libraries and their own service's packages") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                String own = area(c);
                c.getDirectDependenciesFromSelf().forEach(d -> {
                    JavaClass target = d.getTargetClass();
                    if (target.getPackageName().startsWith("io.gureum.") && isService(target)
                            && !sameModule(own, area(target))) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                });
            }
        }).because("services reach each other through in-process clients (ADR 0004), never each other's code");
    }

    @Test
    void coreUsesNoService() {
        ArchRule rule = noClasses().that().resideInAPackage("io.gureum.core..").should(new ArchCondition<>(
                "depend on a service") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                c.getDirectDependenciesFromSelf().forEach(d -> {
                    if (d.getTargetClass().getPackageName().startsWith("io.gureum.") && isService(d.getTargetClass())) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                });
            }
        });
        rule.check(classes);
    }

    /** Packages of one module: SQS and SNS share service-sqs-sns, the others one package each. */
    private static boolean sameModule(String a, String b) {
        return a.equals(b) || Set.of("sqs", "sns").containsAll(Set.of(a, b));
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> serviceClasses() {
        return com.tngtech.archunit.base.DescribedPredicate.describe("are in a service module", ArchitectureTest::isService);
    }
}
