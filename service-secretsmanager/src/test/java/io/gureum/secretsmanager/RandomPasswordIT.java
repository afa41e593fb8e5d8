package io.gureum.secretsmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** GetRandomPassword and every option. */
class RandomPasswordIT extends SecretsTestSupport {

    static String password(java.util.function.Consumer<
            software.amazon.awssdk.services.secretsmanager.model.GetRandomPasswordRequest.Builder> options) {
        return sm.getRandomPassword(options).randomPassword();
    }

    @Test
    void theDefaultIsThirtyTwoCharactersOfEveryKind() {
        for (int i = 0; i < 20; i++) {
            String p = password(b -> { });
            assertEquals(32, p.length());
            assertTrue(p.chars().anyMatch(Character::isUpperCase), p);
            assertTrue(p.chars().anyMatch(Character::isLowerCase), p);
            assertTrue(p.chars().anyMatch(Character::isDigit), p);
            assertTrue(p.chars().anyMatch(c -> PasswordGenerator.PUNCTUATION.indexOf(c) >= 0), p);
            assertTrue(p.chars().noneMatch(c -> c == ' '), p);
        }
    }

    @Test
    void exclusionsAndSpaceAreHonoured() {
        String p = password(b -> b.passwordLength(200L).excludeNumbers(true).excludePunctuation(true)
                .excludeUppercase(true).includeSpace(true).excludeCharacters("aeiou"));
        assertEquals(200, p.length());
        assertTrue(p.matches("[b-df-hj-np-tv-z ]+"), p);
        assertTrue(p.contains(" "), "RequireEachIncludedType puts a space in: " + p);
        String digits = password(b -> b.passwordLength(4096L).excludeLowercase(true).excludeUppercase(true)
                .excludePunctuation(true));
        assertTrue(digits.matches("[0-9]{4096}"));
    }

    @Test
    void withoutRequireEachIncludedTypeAOneCharacterPasswordWorks() {
        assertEquals(1, password(b -> b.passwordLength(1L).requireEachIncludedType(false)).length());
        assertError(InvalidParameterException.class, "InvalidParameterException", null,
                () -> password(b -> b.passwordLength(2L)));
    }

    @Test
    void excludingEverythingIsRefused() {
        assertError(InvalidParameterException.class, "InvalidParameterException", null,
                () -> password(b -> b.excludeLowercase(true).excludeUppercase(true).excludeNumbers(true)
                        .excludePunctuation(true)));
    }

    @Test
    void theLengthIsOneTo4096() {
        assertError(SecretsManagerException.class, "ValidationException", "1 validation error detected: Value '4097'"
                + " at 'passwordLength' failed to satisfy constraint: Member must have value less than or equal to 4096",
                () -> password(b -> b.passwordLength(4097L)));
        assertError(SecretsManagerException.class, "ValidationException", null,
                () -> password(b -> b.passwordLength(0L)));
    }
}
