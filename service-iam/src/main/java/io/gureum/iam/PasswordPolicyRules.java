package io.gureum.iam;

import software.amazon.awssdk.services.iam.model.PasswordPolicy;
import software.amazon.awssdk.services.iam.model.PasswordPolicyViolationException;
import software.amazon.awssdk.services.iam.model.UpdateAccountPasswordPolicyRequest;

/**
 * An account password policy (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html).
 * UpdateAccountPasswordPolicy replaces the whole policy: a parameter left out takes its default (length 8, no
 * character classes required, users may not change their password, no expiry, no reuse rule). Without a policy,
 * AWS's default policy applies: at least 8 characters and three of the four character classes.
 */
record PasswordPolicyRules(int minimumLength, boolean symbols, boolean numbers, boolean uppercase, boolean lowercase,
        boolean allowUsersToChangePassword, Integer maxPasswordAge, Integer reusePrevention, boolean hardExpiry) {
    /** "Symbols" as the password policy page lists them. */
    private static final String SYMBOLS = "!@#$%^&*()_+-=[]{}|'";

    static PasswordPolicyRules of(UpdateAccountPasswordPolicyRequest r) {
        return new PasswordPolicyRules(r.minimumPasswordLength() == null ? 8 : r.minimumPasswordLength(),
                Boolean.TRUE.equals(r.requireSymbols()), Boolean.TRUE.equals(r.requireNumbers()),
                Boolean.TRUE.equals(r.requireUppercaseCharacters()), Boolean.TRUE.equals(r.requireLowercaseCharacters()),
                Boolean.TRUE.equals(r.allowUsersToChangePassword()), r.maxPasswordAge(), r.passwordReusePrevention(),
                Boolean.TRUE.equals(r.hardExpiry()));
    }

    PasswordPolicy toSdk() {
        return PasswordPolicy.builder().minimumPasswordLength(minimumLength).requireSymbols(symbols)
                .requireNumbers(numbers).requireUppercaseCharacters(uppercase).requireLowercaseCharacters(lowercase)
                .allowUsersToChangePassword(allowUsersToChangePassword).expirePasswords(maxPasswordAge != null)
                .maxPasswordAge(maxPasswordAge).passwordReusePrevention(reusePrevention)
                .hardExpiry(maxPasswordAge != null ? hardExpiry : null).build();
    }

    /** PasswordPolicyViolation when the password breaks the account's policy (or AWS's default one). */
    static void check(PasswordPolicyRules policy, String password) {
        boolean ok;
        boolean hasSymbol = password.chars().anyMatch(c -> SYMBOLS.indexOf(c) >= 0);
        boolean hasNumber = password.chars().anyMatch(Character::isDigit);
        boolean hasUpper = password.chars().anyMatch(c -> c >= 'A' && c <= 'Z');
        boolean hasLower = password.chars().anyMatch(c -> c >= 'a' && c <= 'z');
        if (policy == null) {
            int classes = (hasSymbol ? 1 : 0) + (hasNumber ? 1 : 0) + (hasUpper ? 1 : 0) + (hasLower ? 1 : 0);
            ok = password.length() >= 8 && classes >= 3;
        } else {
            ok = password.length() >= policy.minimumLength && (!policy.symbols || hasSymbol)
                    && (!policy.numbers || hasNumber) && (!policy.uppercase || hasUpper) && (!policy.lowercase || hasLower);
        }
        if (!ok) {
            throw io.gureum.core.error.ModeledErrors.of(PasswordPolicyViolationException.class,
                    "Password does not conform to the account password policy.");
        }
    }
}
