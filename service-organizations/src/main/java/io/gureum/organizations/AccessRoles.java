package io.gureum.organizations;

import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Makes the role CreateAccount promises in the new account: {@code OrganizationAccountAccessRole} (or the
 * request's RoleName), trusted by the management account and with AdministratorAccess attached
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_create-cross-account-role.html).
 * It goes through IAM's in-process client acting in the new account, never IAM's store.
 */
final class AccessRoles {
    private static final Logger LOG = LoggerFactory.getLogger(AccessRoles.class);
    static final String ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";
    private final ServiceContext context;

    AccessRoles(ServiceContext context) {
        this.context = context;
    }

    void create(Organization org, AccountCreation c) {
        if (!context.clients().serves(IamClient.class)) {
            return;
        }
        IamClient iam = context.clients().client(IamClient.class, Caller.root(c.accountId, "us-east-1"));
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::" + org.managementAccountId + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
        try {
            iam.createRole(b -> b.roleName(c.roleName).assumeRolePolicyDocument(trust));
            iam.attachRolePolicy(b -> b.roleName(c.roleName).policyArn(ADMINISTRATOR_ACCESS));
        } catch (AwsServiceException e) {
            // The account exists either way (AWS too can leave an account without the role); say why it has none.
            LOG.warn("Account {}: {} not created: {}", c.accountId, c.roleName, e.getMessage());
        }
    }
}
