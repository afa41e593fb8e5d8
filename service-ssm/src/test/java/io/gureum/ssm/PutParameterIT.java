package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.AccessDeniedException;
import software.amazon.awssdk.services.ssm.model.HierarchyLevelLimitExceededException;
import software.amazon.awssdk.services.ssm.model.InvalidAllowedPatternException;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterMaxVersionLimitExceededException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterPatternMismatchException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;
import software.amazon.awssdk.services.ssm.model.SsmException;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/** PutParameter: types, overwrite, versions, tiers, names, allowed patterns and data types; the deletes. */
class PutParameterIT extends SsmTestSupport {

    @Test
    void createsVersionOneAndEachOverwriteMakesTheNextVersion() {
        String name = unique("/app/config");
        PutParameterResponse first = ssm.putParameter(b -> b.name(name).value("v1").type(ParameterType.STRING)
                .description("first"));
        assertEquals(1L, first.version());
        assertEquals(ParameterTier.STANDARD, first.tier());
        PutParameterResponse second = ssm.putParameter(b -> b.name(name).value("v2").overwrite(true));
        assertEquals(2L, second.version());

        Parameter p = ssm.getParameter(b -> b.name(name)).parameter();
        assertEquals("v2", p.value());
        assertEquals(ParameterType.STRING, p.type(), "the type carries over when an overwrite leaves it out");
        assertEquals(2L, p.version());
        assertEquals("text", p.dataType());
        assertEquals("arn:aws:ssm:us-east-1:000000000000:parameter" + name, p.arn());
        assertEquals("first", ssm.describeParameters(b -> b.parameterFilters(f -> f.key("Name").values(name)))
                .parameters().get(0).description(), "the description carries over too");
    }

    @Test
    void aSecondPutWithoutOverwriteIsParameterAlreadyExists() {
        String name = put(unique("/dup"), "a");
        assertError(ParameterAlreadyExistsException.class, "ParameterAlreadyExists", 400,
                "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.",
                () -> ssm.putParameter(b -> b.name(name).value("b").type(ParameterType.STRING)));
        assertEquals("a", ssm.getParameter(b -> b.name(name)).parameter().value());
    }

    @Test
    void stringListsAndNamesWithoutHierarchy() {
        String name = unique("plainName");
        ssm.putParameter(b -> b.name(name).value("a,b,c").type(ParameterType.STRING_LIST));
        Parameter p = ssm.getParameter(b -> b.name(name)).parameter();
        assertEquals(ParameterType.STRING_LIST, p.type());
        assertEquals("a,b,c", p.value());
        assertEquals("arn:aws:ssm:us-east-1:000000000000:parameter/" + name, p.arn());
    }

    /** {@code foo} and {@code /foo} have one ARN, {@code arn:…:parameter/foo}: one parameter. */
    @Test
    void aSingleLevelNameWithOrWithoutItsSlashIsOneParameter() {
        String bare = unique("single");
        put(bare, "a");
        assertError(ParameterAlreadyExistsException.class, "ParameterAlreadyExists", 400, null,
                () -> ssm.putParameter(b -> b.name("/" + bare).value("b").type(ParameterType.STRING)));
        assertEquals(2L, ssm.putParameter(b -> b.name("/" + bare).value("b").overwrite(true)).version());
        assertEquals("b", ssm.getParameter(b -> b.name(bare)).parameter().value());
    }

    @Test
    void aNewParameterNeedsAType() {
        assertError(ValidationException.class, "ValidationException", 400,
                "A parameter type is required when you create a parameter.",
                () -> ssm.putParameter(b -> b.name(unique("/untyped")).value("x")));
    }

    @Test
    void namesFollowAwsRules() {
        assertError(AccessDeniedException.class, "AccessDeniedException", 400,
                "No access to reserved parameter name: aws-thing.",
                () -> ssm.putParameter(b -> b.name("aws-thing").value("x").type(ParameterType.STRING)));
        assertError(AccessDeniedException.class, "AccessDeniedException", 400,
                "No access to reserved parameter name: aws/service/ami-amazon-linux-latest/mine.",
                () -> ssm.putParameter(b -> b.name("/aws/service/ami-amazon-linux-latest/mine").value("x")
                        .type(ParameterType.STRING)));
        assertError(ValidationException.class, "ValidationException", 400, SsmErrors.NAME_RULES,
                () -> ssm.putParameter(b -> b.name("/SSM/thing").value("x").type(ParameterType.STRING)));
        assertError(ValidationException.class, "ValidationException", 400, SsmErrors.NAME_RULES,
                () -> ssm.putParameter(b -> b.name("no/leading/slash").value("x").type(ParameterType.STRING)));
        assertError(ValidationException.class, "ValidationException", 400, SsmErrors.NAME_RULES,
                () -> ssm.putParameter(b -> b.name("/has space/x").value("x").type(ParameterType.STRING)));
        String fifteen = "/l1/l2/l3/l4/l5/l6/l7/l8/l9/l10/l11/l12/l13/l14/" + unique("p");
        ssm.putParameter(b -> b.name(fifteen).value("deep").type(ParameterType.STRING));
        HierarchyLevelLimitExceededException deep = assertError(HierarchyLevelLimitExceededException.class,
                "HierarchyLevelLimitExceededException", 400, null,
                () -> ssm.putParameter(b -> b.name(fifteen + "/l16").value("x").type(ParameterType.STRING)));
        assertTrue(deep.awsErrorDetails().errorMessage().startsWith("A hierarchy can have a maximum of 15 levels."));
    }

    @Test
    void surroundingSpacesAreRemovedFromTheName() {
        String name = unique("/trimmed");
        ssm.putParameter(b -> b.name("  " + name + " ").value("x").type(ParameterType.STRING));
        assertEquals("x", ssm.getParameter(b -> b.name(name)).parameter().value());
    }

    @Test
    void theModelsConstraintsAreValidationExceptions() {
        ValidationException e = assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.putParameter(b -> b.name("/" + "n".repeat(2048)).value("x").type(ParameterType.STRING)));
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("1 validation error detected: "),
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void standardHoldsFourKilobytesAdvancedEightAndIntelligentTieringChooses() {
        String big = "x".repeat(4097);
        ValidationException standard = assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.putParameter(b -> b.name(unique("/big")).value(big).type(ParameterType.STRING)));
        assertTrue(standard.awsErrorDetails().errorMessage()
                .startsWith("Standard tier parameters support a maximum parameter value of 4096 characters."));
        assertEquals(ParameterTier.ADVANCED, ssm.putParameter(b -> b.name(unique("/big")).value(big)
                .type(ParameterType.STRING).tier(ParameterTier.ADVANCED)).tier());
        assertEquals(ParameterTier.ADVANCED, ssm.putParameter(b -> b.name(unique("/big")).value(big)
                .type(ParameterType.STRING).tier(ParameterTier.INTELLIGENT_TIERING)).tier());
        assertEquals(ParameterTier.STANDARD, ssm.putParameter(b -> b.name(unique("/small")).value("s")
                .type(ParameterType.STRING).tier(ParameterTier.INTELLIGENT_TIERING)).tier());
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.putParameter(b -> b.name(unique("/huge")).value("x".repeat(8193)).type(ParameterType.STRING)
                        .tier(ParameterTier.ADVANCED)));
    }

    @Test
    void anAdvancedParameterStaysAdvancedAndCannotBeDowngraded() {
        String name = unique("/adv");
        ssm.putParameter(b -> b.name(name).value("a").type(ParameterType.STRING).tier(ParameterTier.ADVANCED));
        assertEquals(ParameterTier.ADVANCED, ssm.putParameter(b -> b.name(name).value("b").overwrite(true)).tier());
        ValidationException e = assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.putParameter(b -> b.name(name).value("c").overwrite(true).tier(ParameterTier.STANDARD)));
        assertTrue(e.awsErrorDetails().errorMessage().contains("You can't downgrade a parameter"));
    }

    @Test
    void allowedPatternMustMatchTheWholeValue() {
        String name = unique("/digits");
        assertError(ParameterPatternMismatchException.class, "ParameterPatternMismatchException", 400,
                "Parameter value, cannot be validated against allowedPattern: ^\\d+$",
                () -> ssm.putParameter(b -> b.name(name).value("12a").type(ParameterType.STRING).allowedPattern("^\\d+$")));
        ssm.putParameter(b -> b.name(name).value("123").type(ParameterType.STRING).allowedPattern("^\\d+$"));
        assertError(ParameterPatternMismatchException.class, "ParameterPatternMismatchException", 400, null,
                () -> ssm.putParameter(b -> b.name(name).value("x").overwrite(true)));
        assertError(InvalidAllowedPatternException.class, "InvalidAllowedPatternException", 400, null,
                () -> ssm.putParameter(b -> b.name(unique("/bad")).value("x").type(ParameterType.STRING)
                        .allowedPattern("([a-z")));
    }

    @Test
    void dataTypes() {
        assertError(ValidationException.class, "ValidationException", 400,
                "The following data type is not supported: aws:ec2:Image (Data type names are all lowercase.)",
                () -> ssm.putParameter(b -> b.name(unique("/dt")).value("x").type(ParameterType.STRING)
                        .dataType("aws:ec2:Image")));
        String image = imageId("us-east-1", "debian-12-amd64-20241125-1942");
        String name = unique("/ami");
        ssm.putParameter(b -> b.name(name).value(image).type(ParameterType.STRING).dataType("aws:ec2:image"));
        Parameter p = ssm.getParameter(b -> b.name(name)).parameter();
        assertEquals("aws:ec2:image", p.dataType());
        assertEquals(image, p.value());
    }

    /** AWS checks aws:ec2:image asynchronously: the put answers 200 and the value is not stored. */
    @Test
    void anUnknownImageIsAcceptedAndNotStoredAsAwsDoes() {
        String name = unique("/ami");
        String image = imageId("us-east-1", "debian-12-amd64-20241125-1942");
        ssm.putParameter(b -> b.name(name).value(image).type(ParameterType.STRING).dataType("aws:ec2:image"));
        PutParameterResponse r = ssm.putParameter(b -> b.name(name).value("ami-0123456789abcdef0").overwrite(true));
        assertEquals(2L, r.version());
        assertEquals(image, ssm.getParameter(b -> b.name(name)).parameter().value());
        assertEquals(1L, ssm.getParameter(b -> b.name(name)).parameter().version());
        String missing = unique("/ami");
        ssm.putParameter(b -> b.name(missing).value("not-an-ami").type(ParameterType.STRING).dataType("aws:ec2:image"));
        assertError(ParameterNotFoundException.class, "ParameterNotFound", 400, null,
                () -> ssm.getParameter(b -> b.name(missing)));
    }

    @Test
    void theHundredNewestVersionsAreKeptUnlessTheOldestIsLabelled() {
        String name = put(unique("/many"), "v1");
        for (int i = 2; i <= 100; i++) {
            String v = "v" + i;
            ssm.putParameter(b -> b.name(name).value(v).overwrite(true));
        }
        assertEquals(101L, ssm.putParameter(b -> b.name(name).value("v101").overwrite(true)).version());
        assertError(SsmException.class, "ParameterVersionNotFound", 400, null,
                () -> ssm.getParameter(b -> b.name(name + ":1")));
        assertEquals("v2", ssm.getParameter(b -> b.name(name + ":2")).parameter().value());
        ssm.labelParameterVersion(b -> b.name(name).parameterVersion(2L).labels("keep"));
        assertError(ParameterMaxVersionLimitExceededException.class, "ParameterMaxVersionLimitExceeded", 400,
                "You attempted to create a new version of " + name + " by calling the PutParameter API with the overwrite"
                        + " flag. Version 2, the oldest version, can't be deleted because it has a label associated with"
                        + " it. Move the label to another version of the parameter, and try again.",
                () -> ssm.putParameter(b -> b.name(name).value("v102").overwrite(true)));
    }

    @Test
    void tagsCannotComeWithOverwrite() {
        String name = put(unique("/tagged"), "a");
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.putParameter(b -> b.name(name).value("b").overwrite(true).tags(t -> t.key("k").value("v"))));
    }

    @Test
    void deleteParameterAndDeleteParameters() {
        String a = put(unique("/del"), "a");
        String b2 = put(unique("/del"), "b");
        ssm.deleteParameter(b -> b.name(a));
        assertError(ParameterNotFoundException.class, "ParameterNotFound", 400, null,
                () -> ssm.getParameter(b -> b.name(a)));
        ParameterNotFoundException again = assertError(ParameterNotFoundException.class, "ParameterNotFound", 400, null,
                () -> ssm.deleteParameter(b -> b.name(a)));
        assertEquals("", again.awsErrorDetails().errorMessage(), "AWS answers no message");
        var r = ssm.deleteParameters(b -> b.names(b2, a, "/never"));
        assertEquals(java.util.List.of(b2), r.deletedParameters());
        assertEquals(java.util.List.of(a, "/never"), r.invalidParameters());
        assertError(AccessDeniedException.class, "AccessDeniedException", 400, null,
                () -> ssm.deleteParameter(b -> b.name("/aws/service/global-infrastructure/regions/us-east-1")));
    }

    @Test
    void otherSsmOperationsAreNotImplemented() {
        SsmException e = assertError(SsmException.class, "NotImplemented", 501, null, () -> ssm.listCommands());
        assertTrue(e.awsErrorDetails().errorMessage().contains("ListCommands"), e.getMessage());
    }
}
