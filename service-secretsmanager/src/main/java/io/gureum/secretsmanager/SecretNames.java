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

    /**
     * The service that manages a secret a service creates for itself, named {@code <service>!…} (EventBridge's
     * connections keep their credentials in {@code events!connection/<name>/<id>}), when the caller is that
     * service's principal {@code <service>.amazonaws.com} in an in-process call; otherwise null.
     */
    static String owningService(String name) {
        io.gureum.core.protocol.RequestContext ctx = io.gureum.core.protocol.RequestContext.currentOrNull();
        int bang = name.indexOf('!');
        if (ctx == null || ctx.principal() == null || bang <= 0) {
            return null;
        }
        String service = name.substring(0, bang);
        return ctx.principal().equals(service + ".amazonaws.com") && VALID.matcher(name.substring(bang + 1)).matches()
                ? service : null;
    }

    static void check(String name) {
        if (!VALID.matcher(name).matches()) {
            throw SecretsErrors.invalidParameter("Invalid name. Must be a valid name containing alphanumeric"
                    + " characters, or any of the following: -/_+=.@!");
        }
    }
}
