package io.gureum.secretsmanager;

import java.util.regex.Pattern;

/**
 * The characters a secret's name may have: "ASCII letters, numbers, and the following characters:
 * /_+=.@-" (API_CreateSecret.html); the model itself constrains only the length.
 */
final class SecretNames {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9/_+=.@-]+");

    private SecretNames() {
    }

    static void check(String name) {
        if (!VALID.matcher(name).matches()) {
            throw SecretsErrors.invalidParameter("Invalid name. Must be a valid name containing alphanumeric"
                    + " characters, or any of the following: -/_+=.@!");
        }
    }
}
