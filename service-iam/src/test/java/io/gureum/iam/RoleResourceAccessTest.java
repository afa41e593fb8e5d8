package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gureum.core.GureumConfig;
import io.gureum.core.auth.Accounts;
import io.gureum.core.events.EventBus;
import io.gureum.core.ids.ResourceIds;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ResourceAccess;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.core.time.GureumClock;
import io.gureum.core.topology.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.CreateUserRequest;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyRequest;

/** A role's owner and trust policy as the authorizer reads them, from IAM's and STS's instances. */
class RoleResourceAccessTest {
    static final String OWNER = "111111111111";
    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"AWS\":\"arn:aws:iam::222222222222:root\"},\"Action\":\"sts:AssumeRole\"}]}";
    final ServiceContext context = new ServiceContext(GureumConfig.builder().build(), new GureumClock(),
            new ResourceIds(), new ResourceRegistry(), new EventBus(), Topology.standard(), new Accounts(OWNER));
    final ServiceInstance iam = new IamService().create(context);
    final ServiceInstance sts = new StsService().create(context);
    final RequestContext ctx = new RequestContext("r", OWNER, "us-east-1", "test", "iam", null);

    <T> T provider(Class<T> type) {
        return iam.providers().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    @AfterEach
    void close() {
        sts.close();
        iam.close();
    }

    @Test
    void aRoleAnswersItsTrustPolicyAndOtherEntitiesTheirOwner() throws Exception {
        Roles roles = provider(Roles.class);
        String arn = ctx.call(() -> roles.createRole(CreateRoleRequest.builder().roleName("Cross").path("/team/")
                .assumeRolePolicyDocument(TRUST).build()).role().arn());
        assertEquals("arn:aws:iam::" + OWNER + ":role/team/Cross", arn);
        ResourceAccess a = iam.resourceAccess(arn);
        assertEquals(OWNER, a.ownerAccountId());
        assertEquals(TRUST, a.policyJson());
        assertEquals(TRUST, sts.resourceAccess(arn).policyJson());
        String narrowed = TRUST.replace("222222222222", "333333333333");
        ctx.call(() -> roles.updateAssumeRolePolicy(UpdateAssumeRolePolicyRequest.builder().roleName("Cross")
                .policyDocument(narrowed).build()));
        assertEquals(narrowed, sts.resourceAccess(arn).policyJson());
        assertNull(iam.resourceAccess("arn:aws:iam::" + OWNER + ":role/Cross"), "the path is part of the ARN");
        assertNull(iam.resourceAccess("arn:aws:iam::" + OWNER + ":role/None"));

        String user = ctx.call(() -> provider(Users.class).createUser(CreateUserRequest.builder().userName("u1")
                .build()).user().arn());
        assertEquals(OWNER, iam.resourceAccess(user).ownerAccountId());
        assertNull(iam.resourceAccess(user).policyJson());
        assertNull(iam.resourceAccess("arn:aws:s3:::bucket"));
    }
}
