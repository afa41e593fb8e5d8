package io.gureum.cloudformation.resource.organizations;

import static io.gureum.cloudformation.resource.organizations.OrgSupport.orgs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gureum.cloudformation.resource.AsyncResourceHandler;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountAlreadyClosedException;
import software.amazon.awssdk.services.organizations.model.CreateAccountStatus;
import software.amazon.awssdk.services.organizations.model.Tag;

/**
 * {@code AWS::Organizations::Account}: a member account created in the stack account's organization.
 * {@code Ref} is the account id; {@code Fn::GetAtt} gives {@code AccountId}, {@code Arn},
 * {@code JoinedMethod}, {@code JoinedTimestamp}, {@code Status} and {@code Paths} (its one path,
 * {@code o-…/r-…/ou-…/<account>/}). Create waits for CreateAccount's request
 * to succeed (its failure reason fails the resource), without holding a thread ({@link Polling}), and moves the
 * account to {@code ParentIds}; parents and
 * tags change in place. Renaming the account or changing its email or role goes through the Account
 * Management API, which Gureum does not emulate: such an update fails naming them. Delete closes the account
 * (CloseAccount), which stays in the organization as {@code SUSPENDED}, as on AWS.
 */
public final class AccountHandler implements AsyncResourceHandler {
    private static final Set<String> SERVED = Set.of("AccountName", "Email", "ParentIds", "RoleName", "Tags");

    @Override
    public String type() {
        return "AWS::Organizations::Account";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    @Override
    public Created create(ResourceRequest r) {
        return AsyncResourceHandler.join(createAsync(r));
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        OrganizationsClient orgs = orgs(r);
        List<Tag> tags = OrgSupport.tags(r);
        String request = orgs.createAccount(b -> b.accountName(r.requiredText("AccountName"))
                .email(r.requiredText("Email")).roleName(r.text("RoleName")).tags(tags.isEmpty() ? null : tags))
                .createAccountStatus().id();
        return Polling.until(() -> {
            CreateAccountStatus status = orgs.describeCreateAccountStatus(b -> b.createAccountRequestId(request))
                    .createAccountStatus();
            return status.stateAsString().equals("IN_PROGRESS") ? null : Polling.Outcome.done(status);
        }, Polling.SETTLE_LIMIT, "Account " + r.text("AccountName") + " did not stabilize").thenApply(status -> {
            if (!status.stateAsString().equals("SUCCEEDED")) {
                throw new ResourceFailure("CreateAccount failed: " + status.failureReasonAsString());
            }
            String id = status.accountId();
            List<String> parents = OrgSupport.strings(r.property("ParentIds"));
            if (!parents.isEmpty()) {
                move(orgs, id, parents.get(0));
            }
            return result(orgs, id);
        });
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Set<String> unserved = new TreeSet<>(r.changedProperties());
        unserved.removeAll(Set.of("ParentIds", "Tags"));
        if (!unserved.isEmpty()) {
            throw new ResourceFailure("Gureum does not emulate the Account Management API: cannot update " + unserved);
        }
        OrganizationsClient orgs = orgs(r);
        if (r.changedProperties().contains("ParentIds")) {
            List<String> parents = OrgSupport.strings(r.property("ParentIds"));
            String root = orgs.listRoots().roots().get(0).id();
            move(orgs, r.physicalId(), parents.isEmpty() ? root : parents.get(0));
        }
        OrgSupport.retag(r, r.physicalId());
        return result(orgs, r.physicalId());
    }

    private static void move(OrganizationsClient orgs, String account, String parent) {
        String current = orgs.listParents(b -> b.childId(account)).parents().get(0).id();
        if (!current.equals(parent)) {
            orgs.moveAccount(b -> b.accountId(account).sourceParentId(current).destinationParentId(parent));
        }
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            OrgSupport.deleting(() -> orgs(r).closeAccount(b -> b.accountId(r.physicalId())));
        } catch (AccountAlreadyClosedException closed) {
            // Already closed.
        }
    }

    private static Created result(OrganizationsClient orgs, String id) {
        Account a = orgs.describeAccount(b -> b.accountId(id)).account();
        return Created.of(id).attribute("AccountId", id).attribute("Arn", a.arn())
                .attribute("JoinedMethod", a.joinedMethodAsString())
                .attribute("JoinedTimestamp", a.joinedTimestamp() == null ? null : a.joinedTimestamp().toString())
                .attribute("Status", a.statusAsString())
                .attribute("Paths", JsonNodeFactory.instance.arrayNode().add(OrgSupport.path(orgs, id)));
    }
}
