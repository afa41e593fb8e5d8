package io.gureum.lambda;

import io.gureum.core.spi.ResourceAccess;
import io.gureum.core.state.AccountRegionStore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function's owner and resource-based policy (AddPermission's statements) by function ARN, with or
 * without a version or alias qualifier, in any account, for the authorizer; a durable execution's ARN answers its
 * function version's.
 */
final class FunctionResourceAccess {
    private static final Pattern ARN = Pattern.compile(
            "arn:[a-z-]+:lambda:(?<region>[a-z0-9-]+):(?<account>\\d{12}):function:(?<name>[^:]+)(:(?<qualifier>[^:]+))?");

    private final AccountRegionStore<LambdaStore> stores;

    FunctionResourceAccess(AccountRegionStore<LambdaStore> stores) {
        this.stores = stores;
    }

    ResourceAccess of(String arn) {
        Matcher m = arn == null ? null : ARN.matcher(arn);
        if (m == null || !m.matches()) {
            return null;
        }
        LambdaFunction f = stores.get(m.group("account"), m.group("region")).functions.get(m.group("name"));
        if (f == null || f.deleted) {
            return null;
        }
        String qualifier = m.group("qualifier");
        int execution = qualifier == null ? -1 : qualifier.indexOf("/durable-execution/");
        if (execution > 0) { // a durable execution is a sub-resource of the function version (durable-security.html)
            qualifier = qualifier.substring(0, execution);
        }
        if (qualifier != null && !FunctionVersion.LATEST.equals(qualifier) && f.version(qualifier) == null
                && f.alias(qualifier) == null) {
            return null;
        }
        return new ResourceAccess(f.account, Policies.document(f, qualifier));
    }
}
