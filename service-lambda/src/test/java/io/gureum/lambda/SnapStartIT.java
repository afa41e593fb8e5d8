package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.SnapStartApplyOn;
import software.amazon.awssdk.services.lambda.model.SnapStartOptimizationStatus;
import software.amazon.awssdk.services.lambda.model.SnapStartResponse;

/** SnapStart as configuration: accepted for the runtimes that have it, On for published versions only. */
class SnapStartIT extends LambdaTestSupport {

    private static void create(String name, String runtime, SnapStartApplyOn applyOn) {
        lambda.createFunction(b -> b.functionName(name).runtime(runtime).role(ROLE)
                .handler(runtime.startsWith("java") ? "example.Handler::handleRequest" : "app.handler")
                .snapStart(s -> s.applyOn(applyOn))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("app.py", PY_ECHO)))));
    }

    @Test
    void publishedVersionsOfAJavaFunctionReportTheirSnapshotOn() {
        String name = unique("snap");
        create(name, "java21", SnapStartApplyOn.PUBLISHED_VERSIONS);
        SnapStartResponse latest = lambda.getFunctionConfiguration(b -> b.functionName(name)).snapStart();
        assertEquals(SnapStartApplyOn.PUBLISHED_VERSIONS, latest.applyOn());
        assertEquals(SnapStartOptimizationStatus.OFF, latest.optimizationStatus());
        SnapStartResponse published = lambda.publishVersion(b -> b.functionName(name)).snapStart();
        assertEquals(SnapStartApplyOn.PUBLISHED_VERSIONS, published.applyOn());
        assertEquals(SnapStartOptimizationStatus.ON, published.optimizationStatus());

        lambda.updateFunctionConfiguration(b -> b.functionName(name).snapStart(s -> s.applyOn(SnapStartApplyOn.NONE)));
        SnapStartResponse off = lambda.getFunctionConfiguration(b -> b.functionName(name)).snapStart();
        assertEquals(SnapStartApplyOn.NONE, off.applyOn());
        assertEquals(SnapStartOptimizationStatus.ON, lambda.getFunctionConfiguration(b -> b.functionName(name)
                .qualifier("1")).snapStart().optimizationStatus(), "a published version keeps its setting");
    }

    @Test
    void runtimesWithoutSnapStartAreRefused() {
        create(unique("snap-py"), "python3.12", SnapStartApplyOn.PUBLISHED_VERSIONS);
        InvalidParameterValueException node = assertAwsError(InvalidParameterValueException.class,
                "InvalidParameterValueException", 400,
                () -> create(unique("snap-node"), "nodejs22.x", SnapStartApplyOn.PUBLISHED_VERSIONS));
        assertEquals("nodejs22.x is not supported for SnapStart enabled functions.", node.awsErrorDetails().errorMessage());
        String old = unique("snap-old");
        create(old, "python3.11", SnapStartApplyOn.NONE);
        assertAwsError(InvalidParameterValueException.class, "InvalidParameterValueException", 400,
                () -> lambda.updateFunctionConfiguration(b -> b.functionName(old)
                        .snapStart(s -> s.applyOn(SnapStartApplyOn.PUBLISHED_VERSIONS))));
    }
}
