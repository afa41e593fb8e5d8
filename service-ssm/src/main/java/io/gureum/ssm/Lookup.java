package io.gureum.ssm;

import io.gureum.core.ids.Arn;
import java.util.Optional;

/**
 * Finds what a read names: a parameter name or ARN, optionally followed by a selector
 * ({@code name:version} or {@code name:label}), among the caller's parameters and the public ones.
 */
final class Lookup {
    private final SsmState state;
    private final PublicParameters publics;

    Lookup(SsmState state, PublicParameters publics) {
        this.state = state;
        this.publics = publics;
    }

    /**
     * The version {@code requested} names.
     *
     * @throws software.amazon.awssdk.services.ssm.model.ParameterNotFoundException no such parameter
     * @throws software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException no such version or label
     * @throws software.amazon.awssdk.services.ssm.model.ValidationException a name against the naming rules
     */
    Resolved resolve(String requested) {
        ParameterStore store = state.current();
        String text = requested;
        boolean byArn = requested.startsWith("arn:");
        if (byArn) {
            Arn arn;
            try {
                arn = Arn.parse(requested);
            } catch (IllegalArgumentException e) {
                throw SsmErrors.invalidName();
            }
            if (!arn.service().equals("ssm") || !arn.resourceType().equals("parameter")) {
                throw SsmErrors.invalidName();
            }
            boolean own = arn.accountId().equals(store.account) || arn.accountId().isEmpty();
            if (!own || !arn.region().equals(store.region)) {
                throw SsmErrors.parameterNotFound(); // parameters shared from other accounts are not emulated
            }
            text = "/" + arn.resourceId();
        }
        String selector = null;
        int colon = text.lastIndexOf(':');
        if (colon >= 0) {
            selector = text.substring(colon + 1);
            text = text.substring(0, colon);
        }
        ParameterNames.checkSyntax(text);
        if (PublicParameters.isPublic(text)) {
            ParameterVersion v = publics.get(text).orElseThrow(SsmErrors::parameterNotFound);
            if (selector != null && !selector.equals("1")) {
                throw SsmErrors.versionNotFound(text, selector);
            }
            return new Resolved(text, PublicParameters.arn(store.region, text), v, selector, null);
        }
        StoredParameter p = store.parameters.get(text);
        if (p == null && byArn) {
            p = store.parameters.get(text.substring(1)); // arn:…:parameter/name names "name" too
        }
        if (p == null) {
            throw SsmErrors.parameterNotFound();
        }
        return new Resolved(p.name, p.arn, select(p, selector), selector, p);
    }

    /** The version a selector names: a number, a label, or (null) the latest. */
    static ParameterVersion select(StoredParameter p, String selector) {
        if (selector == null) {
            return p.latest();
        }
        Optional<ParameterVersion> v = selector.matches("[0-9]{1,18}") ? p.version(Long.parseLong(selector))
                : p.labelled(selector);
        return v.orElseThrow(() -> SsmErrors.versionNotFound(p.name, selector));
    }

    /** A stored parameter by exact name, for the operations that take no selector. */
    StoredParameter stored(String name) {
        ParameterNames.checkSyntax(name);
        StoredParameter p = state.current().parameters.get(name);
        if (p == null) {
            throw SsmErrors.parameterNotFound();
        }
        return p;
    }
}
