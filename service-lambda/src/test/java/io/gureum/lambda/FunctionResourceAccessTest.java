package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.GureumConfig;
import io.gureum.core.auth.Accounts;
import io.gureum.core.events.EventBus;
import io.gureum.core.ids.ResourceIds;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.AccountRegionStore;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.core.time.GureumClock;
import io.gureum.core.topology.Topology;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.AddPermissionRequest;
import software.amazon.awssdk.services.lambda.model.RemovePermissionRequest;

/** A function's owner and policy as the authorizer reads them, and another account's function by ARN. */
class FunctionResourceAccessTest {
    static final String OWNER = "111111111111";
    static final String OTHER = "222222222222";
    static final String ARN = "arn:aws:lambda:us-east-1:" + OWNER + ":function:f1";

    final ServiceContext context = new ServiceContext(GureumConfig.builder().build(), new GureumClock(),
            new ResourceIds(), new ResourceRegistry(), new EventBus(), Topology.standard(), new Accounts(OWNER));
    final AccountRegionStore<LambdaStore> stores = new AccountRegionStore<>(LambdaStore::new);
    final FunctionLookup lookup = new FunctionLookup(context, stores);
    final Policies policies = new Policies(context, lookup);
    final FunctionResourceAccess access = new FunctionResourceAccess(stores);
    final LambdaFunction function = new LambdaFunction("f1", ARN, OWNER, "us-east-1", null);

    FunctionResourceAccessTest() {
        function.aliases.put("live", new Alias("live", ARN + ":live", "$LATEST", null, null, "r"));
        stores.get(OWNER, "us-east-1").functions.put("f1", function);
    }

    static RequestContext as(String account) {
        return new RequestContext("r", account, "us-east-1", "test", "lambda", null);
    }

    @Test
    void unqualifiedAndAliasPoliciesComeFromAddPermission() throws Exception {
        assertEquals(OWNER, access.of(ARN).ownerAccountId());
        assertNull(access.of(ARN).policyJson());
        as(OWNER).call(() -> policies.addPermission(AddPermissionRequest.builder().functionName("f1")
                .statementId("other").action("lambda:InvokeFunction").principal(OTHER).build()));
        as(OWNER).call(() -> policies.addPermission(AddPermissionRequest.builder().functionName("f1")
                .qualifier("live").statementId("sns").action("lambda:InvokeFunction").principal("sns.amazonaws.com")
                .build()));
        String unqualified = access.of(ARN).policyJson();
        assertTrue(unqualified.contains("arn:aws:iam::" + OTHER + ":root"), unqualified);
        assertSame(unqualified, access.of(ARN).policyJson(), "rendered once per change");
        assertEquals(unqualified, access.of(ARN + ":$LATEST").policyJson());
        String alias = access.of(ARN + ":live").policyJson();
        assertTrue(alias.contains("sns.amazonaws.com") && alias.contains(OTHER), alias);
        as(OWNER).call(() -> policies.removePermission(RemovePermissionRequest.builder().functionName("f1")
                .statementId("other").build()));
        assertNull(access.of(ARN).policyJson());
        assertNull(access.of(ARN + ":nosuchalias"));
        assertEquals(OWNER, access.of(ARN + ":$LATEST/durable-execution/run/0a1b").ownerAccountId(),
                "a durable execution belongs to its function version");
        assertNull(access.of(ARN + ":7/durable-execution/run/0a1b"), "no version 7");
        assertNull(access.of("arn:aws:lambda:us-east-1:" + OWNER + ":function:none"));
        assertNull(access.of("arn:aws:sqs:us-east-1:" + OWNER + ":f1"));
    }

    @Test
    void anotherAccountFindsTheFunctionByItsArn() throws Exception {
        assertSame(function, as(OTHER).call(() -> lookup.require(ARN)));
        assertSame(function, as(OTHER).call(() -> lookup.resolve(ARN, "live").function()));
    }
}
