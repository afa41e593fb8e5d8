package io.gureum.organizations;

import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Makes the role CreateAccount promises in the new account: {@code OrganizationAccountAccessRole} (or the
 * request's RoleName), trusted by the management account and with AdministratorAccess attached
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_create-cross-account-role.html).
 * It goes through IAM's in-process client acting in the new account, never IAM's store.
 */
final class AccessRoles {
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
        iam.createRole(b -> b.roleName(c.roleName).assumeRolePolicyDocument(trust));
        iam.attachRolePolicy(b -> b.roleName(c.roleName).policyArn(ADMINISTRATOR_ACCESS));
    }
}
