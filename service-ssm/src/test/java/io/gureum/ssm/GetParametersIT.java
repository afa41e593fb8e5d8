package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/** GetParameter and GetParameters: names, ARNs, {@code name:version} and {@code name:label} selectors. */
class GetParametersIT extends SsmTestSupport {

    @Test
    void selectorsNameAVersionOrALabel() {
        String name = put(unique("/sel"), "one");
        ssm.putParameter(b -> b.name(name).value("two").overwrite(true));
        ssm.labelParameterVersion(b -> b.name(name).parameterVersion(1L).labels("prod"));

        Parameter byVersion = ssm.getParameter(b -> b.name(name + ":1")).parameter();
        assertEquals("one", byVersion.value());
        assertEquals(1L, byVersion.version());
        assertEquals(":1", byVersion.selector());
        assertEquals(name, byVersion.name());
        Parameter byLabel = ssm.getParameter(b -> b.name(name + ":prod")).parameter();
        assertEquals("one", byLabel.value());
        assertEquals(":prod", byLabel.selector());
        Parameter latest = ssm.getParameter(b -> b.name(name)).parameter();
        assertEquals("two", latest.value());
        assertNull(latest.selector());

        assertError(ParameterVersionNotFoundException.class, "ParameterVersionNotFound", 400,
                "Systems Manager could not find version 7 of " + name + ". Verify the version and try again.",
                () -> ssm.getParameter(b -> b.name(name + ":7")));
        assertError(ParameterVersionNotFoundException.class, "ParameterVersionNotFound", 400, null,
                () -> ssm.getParameter(b -> b.name(name + ":staging")));
    }

    @Test
    void byArn() {
        String name = put(unique("/arn"), "v");
        String arn = ssm.getParameter(b -> b.name(name)).parameter().arn();
        assertEquals("v", ssm.getParameter(b -> b.name(arn)).parameter().value());
        assertEquals("v", ssm.getParameter(b -> b.name(arn + ":1")).parameter().value());
        assertError(ParameterNotFoundException.class, "ParameterNotFound", 400, "",
                () -> ssm.getParameter(b -> b.name(arn.replace("000000000000", "111111111111"))));
    }

    @Test
    void aMissingParameterIsParameterNotFoundWithNoMessage() {
        assertError(ParameterNotFoundException.class, "ParameterNotFound", 400, "",
                () -> ssm.getParameter(b -> b.name(unique("/missing"))));
        assertError(ValidationException.class, "ValidationException", 400, SsmErrors.NAME_RULES,
                () -> ssm.getParameter(b -> b.name("{bad}-name")));
    }

    @Test
    void getParametersListsWhatItCannotFindAsInvalid() {
        String a = put(unique("/many"), "a");
        String b2 = put(unique("/many"), "b");
        String missing = unique("/missing");
        GetParametersResponse r = ssm.getParameters(b -> b.names(a, missing, b2, a + ":9", a));
        assertEquals(List.of(a, b2), r.parameters().stream().map(Parameter::name).toList());
        assertEquals(List.of(missing, a + ":9"), r.invalidParameters());
    }

    @Test
    void getParametersTakesAtMostTenNames() {
        assertError(ValidationException.class, "ValidationException", 400, null, () -> ssm.getParameters(
                b -> b.names("/1", "/2", "/3", "/4", "/5", "/6", "/7", "/8", "/9", "/10", "/11")));
    }
}
