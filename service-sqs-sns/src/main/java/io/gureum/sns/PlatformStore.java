package io.gureum.sns;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.state.AccountRegionStore;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mobile push and SMS state per account and region: platform applications and their endpoints, opted-out
 * phone numbers, SMS attributes and the SMS sandbox's numbers.
 */
final class PlatformStore {
    static final class State {
        final Map<String, Map<String, String>> applications = new ConcurrentHashMap<>();
        final Map<String, Map<String, String>> endpoints = new ConcurrentHashMap<>();
        final Map<String, String> endpointApplication = new ConcurrentHashMap<>();
        final Set<String> optedOut = ConcurrentHashMap.newKeySet();
        final Map<String, String> smsAttributes = new ConcurrentHashMap<>();
        final Map<String, String> sandboxNumbers = new ConcurrentHashMap<>();
    }

    private final AccountRegionStore<State> states = new AccountRegionStore<>((a, r) -> new State());

    /** The caller's account and region's. */
    State state() {
        RequestContext ctx = RequestContext.current();
        return states.get(ctx.accountId(), ctx.region());
    }

    State state(String account, String region) {
        return states.get(account, region);
    }

    /** The state of the account and region of an application or endpoint ARN. */
    State stateOf(String arn) {
        Arn a = SnsStore.parse(arn);
        if (a == null) {
            throw SnsErrors.invalidParameter("EndpointArn");
        }
        return states.get(a.accountId(), a.region());
    }

    static boolean isPlatformEndpoint(String arn) {
        Arn a = SnsStore.parse(arn);
        return a != null && a.service().equals("sns") && a.resource().startsWith("endpoint/");
    }
}
