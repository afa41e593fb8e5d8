package io.gureum.secretsmanager;

import software.amazon.awssdk.services.secretsmanager.model.GetRandomPasswordRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetRandomPasswordResponse;

/** GetRandomPassword: 32 characters unless PasswordLength (1–4096, checked by core from the model) says otherwise. */
final class RandomPasswords {
    private static final long DEFAULT_LENGTH = 32;

    private final PasswordGenerator generator = new PasswordGenerator();

    public GetRandomPasswordResponse getRandomPassword(GetRandomPasswordRequest r) {
        PasswordGenerator.Options o = new PasswordGenerator.Options(
                r.passwordLength() == null ? DEFAULT_LENGTH : r.passwordLength(), r.excludeCharacters(),
                Boolean.TRUE.equals(r.excludeNumbers()), Boolean.TRUE.equals(r.excludePunctuation()),
                Boolean.TRUE.equals(r.excludeUppercase()), Boolean.TRUE.equals(r.excludeLowercase()),
                Boolean.TRUE.equals(r.includeSpace()), !Boolean.FALSE.equals(r.requireEachIncludedType()));
        return GetRandomPasswordResponse.builder().randomPassword(generator.generate(o)).build();
    }
}
