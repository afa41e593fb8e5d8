package io.gureum.secretsmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/** CreateSecret: values, ARNs, idempotency, name rules and the model's constraints. */
class CreateSecretIT extends SecretsTestSupport {

    @Test
    void aStringSecretGetsAnArnWithSixRandomCharactersAndAnAwsCurrentVersion() {
        String name = unique("app/db");
        String token = token();
        CreateSecretResponse r = sm.createSecret(b -> b.name(name).secretString("{\"password\":\"p\"}")
                .clientRequestToken(token));
        assertTrue(r.arn().matches(String.format(ARN_PATTERN, name)), r.arn());
        assertEquals(name, r.name());
        assertEquals(token, r.versionId());
        GetSecretValueResponse v = sm.getSecretValue(b -> b.secretId(name));
        assertEquals("{\"password\":\"p\"}", v.secretString());
        assertNull(v.secretBinary());
        assertEquals(List.of("AWSCURRENT"), v.versionStages());
        assertEquals(token, v.versionId());
        assertEquals(r.arn(), v.arn());
    }

    @Test
    void aBinarySecretComesBackAsBytes() {
        String name = unique("bin");
        byte[] bytes = {0, 1, 2, (byte) 0xff};
        sm.createSecret(b -> b.name(name).secretBinary(SdkBytes.fromByteArray(bytes)));
        GetSecretValueResponse v = sm.getSecretValue(b -> b.secretId(name));
        assertNull(v.secretString());
        assertEquals(SdkBytes.fromByteArray(bytes), v.secretBinary());
    }

    @Test
    void aSecretWithoutValueHasNoVersion() {
        String name = unique("empty");
        CreateSecretResponse r = sm.createSecret(b -> b.name(name));
        assertNull(r.versionId());
        assertTrue(sm.describeSecret(b -> b.secretId(name)).versionIdsToStages().isEmpty());
        assertError(software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException.class,
                "ResourceNotFoundException", "Secrets Manager can't find the specified secret value for staging label:"
                        + " AWSCURRENT", () -> sm.getSecretValue(b -> b.secretId(name)));
    }

    @Test
    void theSameTokenAndValueAnswerTheFirstResultAndAnotherValueIsRefused() {
        String name = unique("idem");
        String token = token();
        CreateSecretResponse first = sm.createSecret(b -> b.name(name).secretString("v1").clientRequestToken(token));
        CreateSecretResponse again = sm.createSecret(b -> b.name(name).secretString("v1").clientRequestToken(token));
        assertEquals(first.arn(), again.arn());
        assertEquals(first.versionId(), again.versionId());
        assertEquals(1, sm.listSecretVersionIds(b -> b.secretId(name)).versions().size());
        assertError(ResourceExistsException.class, "ResourceExistsException",
                "You can't modify an existing version, you can only create new versions.",
                () -> sm.createSecret(b -> b.name(name).secretString("v2").clientRequestToken(token)));
    }

    @Test
    void anotherTokenForAnExistingNameIsResourceExists() {
        String name = unique("dup");
        create(name, "v");
        assertError(ResourceExistsException.class, "ResourceExistsException",
                "The operation failed because the secret " + name + " already exists.",
                () -> sm.createSecret(b -> b.name(name).secretString("v")));
    }

    @Test
    void bothKindsOfValueAreRefused() {
        assertError(InvalidParameterException.class, "InvalidParameterException", Secrets.BOTH_VALUES,
                () -> sm.createSecret(b -> b.name(unique("both")).secretString("s")
                        .secretBinary(SdkBytes.fromUtf8String("b"))));
    }

    @Test
    void namesAllowOnlyLettersDigitsAndSomePunctuation() {
        assertError(InvalidParameterException.class, "InvalidParameterException",
                "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following:"
                        + " -/_+=.@!", () -> sm.createSecret(b -> b.name("bad name!").secretString("v")));
        String ok = unique("a/b_c+d=e.f@g-h");
        assertTrue(create(ok, "v").contains(ok));
    }

    @Test
    void theModelsConstraintsAreAValidationException() {
        String longName = "x".repeat(513);
        SecretsManagerException e = assertError(SecretsManagerException.class, "ValidationException",
                "1 validation error detected: Value '" + longName + "' at 'name' failed to satisfy constraint: Member"
                        + " must have length less than or equal to 512",
                () -> sm.createSecret(b -> b.name(longName).secretString("v")));
        assertNotEquals(null, e.requestId());
    }

    @Test
    void aNameScheduledForDeletionCannotBeReused() {
        String name = unique("gone");
        create(name, "v");
        sm.deleteSecret(b -> b.secretId(name));
        assertError(InvalidRequestException.class, "InvalidRequestException",
                "You can't create this secret because a secret with this name is already scheduled for deletion.",
                () -> sm.createSecret(b -> b.name(name).secretString("v")));
    }

    @Test
    void recreatingAfterAForcedDeleteGivesANewArn() {
        String name = unique("again");
        String first = create(name, "v");
        sm.deleteSecret(b -> b.secretId(name).forceDeleteWithoutRecovery(true));
        String second = create(name, "v");
        assertNotEquals(first, second);
    }

    @Test
    void tagsAndDescriptionAreKept() {
        String name = unique("tagged");
        sm.createSecret(b -> b.name(name).secretString("v").description("the db")
                .tags(Tag.builder().key("env").value("prod").build(), Tag.builder().key("team").value("a").build()));
        var d = sm.describeSecret(b -> b.secretId(name));
        assertEquals("the db", d.description());
        assertEquals(Map.of("env", "prod", "team", "a"), Map.of(d.tags().get(0).key(), d.tags().get(0).value(),
                d.tags().get(1).key(), d.tags().get(1).value()));
        var registered = gureum.context().registry().byArn(io.gureum.core.ids.Arn.parse(d.arn()));
        assertEquals("prod", registered.orElseThrow().tags().get("env"));
    }
}
