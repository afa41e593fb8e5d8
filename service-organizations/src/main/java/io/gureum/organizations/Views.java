package io.gureum.organizations;

import java.util.List;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnit;
import software.amazon.awssdk.services.organizations.model.Policy;
import software.amazon.awssdk.services.organizations.model.PolicySummary;
import software.amazon.awssdk.services.organizations.model.PolicyTypeSummary;
import software.amazon.awssdk.services.organizations.model.Root;

/** Stored records as the SDK shapes the API answers. */
final class Views {
    private Views() {
    }

    static Account account(Organization org, Member m) {
        return Account.builder().id(m.id).arn(org.accountArn(m.id)).email(m.email).name(m.name).status(m.status)
                .joinedMethod(m.joinedMethod).joinedTimestamp(m.joined).build();
    }

    static Root root(Organization org) {
        List<PolicyTypeSummary> types = org.enabledPolicyTypes.stream()
                .map(t -> PolicyTypeSummary.builder().type(t).status("ENABLED").build()).toList();
        return Root.builder().id(org.rootId).arn(org.rootArn).name("Root").policyTypes(types).build();
    }

    static OrganizationalUnit unit(OrgUnit u) {
        return OrganizationalUnit.builder().id(u.id).arn(u.arn).name(u.name).build();
    }

    static PolicySummary summary(OrgPolicy p) {
        return PolicySummary.builder().id(p.id).arn(p.arn).name(p.name).description(p.description).type(p.type)
                .awsManaged(p.awsManaged).build();
    }

    static Policy policy(OrgPolicy p) {
        return Policy.builder().policySummary(summary(p)).content(p.content).build();
    }
}
