package io.gureum.organizations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AccessDeniedException;
import software.amazon.awssdk.services.organizations.model.AccountNotFoundException;
import software.amazon.awssdk.services.organizations.model.AlreadyInOrganizationException;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;
import software.amazon.awssdk.services.organizations.model.CreateAccountState;
import software.amazon.awssdk.services.organizations.model.CreateAccountStatus;
import software.amazon.awssdk.services.organizations.model.CreateAccountStatusNotFoundException;
import software.amazon.awssdk.services.organizations.model.MasterCannotLeaveOrganizationException;
import software.amazon.awssdk.services.organizations.model.Organization;
import software.amazon.awssdk.services.organizations.model.OrganizationNotEmptyException;
import software.amazon.awssdk.services.sts.StsClient;

/** The organization's life and the accounts CreateAccount makes, used with their own keys. */
class OrganizationsIT extends OrgTestSupport {

    @Test
    void createOrganizationMakesTheCallerTheManagementAccount() {
        String mgmt = newAccountId();
        Organization o = org(mgmt).createOrganization(b -> b.featureSet("ALL")).organization();
        assertTrue(o.id().matches("o-[a-z0-9]{10}"), o.id());
        assertEquals("arn:aws:organizations::" + mgmt + ":organization/" + o.id(), o.arn());
        assertEquals("arn:aws:organizations::" + mgmt + ":account/" + o.id() + "/" + mgmt, o.masterAccountArn());
        assertEquals(mgmt, o.masterAccountId());
        assertEquals("ALL", o.featureSetAsString());
        assertEquals("SERVICE_CONTROL_POLICY", o.availablePolicyTypes().get(0).typeAsString());
        assertEquals(o, org(mgmt).describeOrganization().organization());
        var root = org(mgmt).listRoots().roots().get(0);
        assertTrue(root.id().matches("r-[a-z0-9]{4}"), root.id());
        assertEquals("arn:aws:organizations::" + mgmt + ":root/" + o.id() + "/" + root.id(), root.arn());
        assertTrue(root.policyTypes().isEmpty());
        assertEquals(mgmt, org(mgmt).listAccounts().accounts().get(0).id());

        assertError(AlreadyInOrganizationException.class, "AlreadyInOrganizationException",
                () -> org(mgmt).createOrganization(b -> b.featureSet("ALL")));
        assertError(AwsOrganizationsNotInUseException.class, "AWSOrganizationsNotInUseException",
                () -> org(newAccountId()).describeOrganization());
        assertTrue(org(newAccountId()).createOrganization(b -> b.featureSet("CONSOLIDATED_BILLING")).organization()
                .availablePolicyTypes().isEmpty());
    }

    @Test
    void createAccountMakesAnAccountServedWithItsOwnKeyAndAccessRole() {
        String mgmt = newOrganization();
        OrganizationsClient orgs = org(mgmt);
        String name = unique("dev");
        CreateAccountStatus s = orgs.createAccount(b -> b.accountName(name).email(name + "@example.com"))
                .createAccountStatus();
        assertEquals("IN_PROGRESS", s.stateAsString());
        assertTrue(s.id().matches("car-[a-z0-9]{32}"), s.id());
        assertNull(s.accountId());

        letAccountCreationFinish();
        CreateAccountStatus done = orgs.describeCreateAccountStatus(b -> b.createAccountRequestId(s.id()))
                .createAccountStatus();
        assertEquals("SUCCEEDED", done.stateAsString());
        String id = done.accountId();
        assertTrue(id.matches("\\d{12}"), id);
        var account = orgs.describeAccount(b -> b.accountId(id)).account();
        assertEquals(name, account.name());
        assertEquals("CREATED", account.joinedMethodAsString());
        assertEquals("ACTIVE", account.statusAsString());
        assertEquals(2, orgs.listAccounts().accounts().size());
        assertEquals(List.of(s.id()), orgs.listCreateAccountStatus(b -> b.states(CreateAccountState.SUCCEEDED))
                .createAccountStatuses().stream().map(CreateAccountStatus::id).toList());
        assertEquals(List.of(), orgs.listCreateAccountStatus(b -> b.states(CreateAccountState.IN_PROGRESS))
                .createAccountStatuses());

        // The new account's own 12-digit key acts in it.
        try (StsClient sts = client(StsClient.builder(), id); IamClient iam = client(IamClient.builder(), id)) {
            assertEquals(id, sts.getCallerIdentity().account());
            Role role = iam.getRole(b -> b.roleName("OrganizationAccountAccessRole")).role();
            assertEquals("arn:aws:iam::" + id + ":role/OrganizationAccountAccessRole", role.arn());
            assertTrue(java.net.URLDecoder.decode(role.assumeRolePolicyDocument(), java.nio.charset.StandardCharsets.UTF_8)
                    .contains("arn:aws:iam::" + mgmt + ":root"));
            assertEquals("AdministratorAccess", iam.listAttachedRolePolicies(b -> b.roleName(
                    "OrganizationAccountAccessRole")).attachedPolicies().get(0).policyName());
        }
        // A member sees the organization as the management account does, but may not list it.
        assertEquals(orgs.describeOrganization().organization(), org(id).describeOrganization().organization());
        assertError(AccessDeniedException.class, "AccessDeniedException", () -> org(id).listAccounts());
        assertError(CreateAccountStatusNotFoundException.class, "CreateAccountStatusNotFoundException",
                () -> orgs.describeCreateAccountStatus(b -> b.createAccountRequestId("car-" + "0".repeat(32))));
    }

    /**
     * Nobody asks Organizations for the status here: the creation finishes on the core clock by itself (the
     * account shows in core's resource registry, the role in IAM). Waited for with a generous bound, since the
     * clock's timer runs it on its own thread; no duration is asserted.
     */
    @Test
    void creationFinishesOnTheClockWithoutPollingAndKeepsItsTags() throws InterruptedException {
        String mgmt = newOrganization();
        OrganizationsClient orgs = org(mgmt);
        orgs.createAccount(b -> b.accountName("quiet").email(unique("quiet") + "@example.com").roleName("Admin")
                .tags(t -> t.key("team").value("blue")));
        letAccountCreationFinish();
        String id = null;
        for (int i = 0; i < 1200 && id == null; i++) {
            id = aws.context().registry().list(mgmt, "").stream().map(r -> r.id())
                    .filter(x -> x.matches("\\d{12}") && !x.equals(mgmt)).findFirst().orElse(null);
            if (id == null) {
                Thread.sleep(100);
            }
        }
        assertTrue(id != null, "the account creation never finished");
        String account = id;
        IamClient iam = aws.context().clients().client(IamClient.class,
                io.gureum.core.spi.Caller.root(account, "us-east-1"));
        Role role = null;
        for (int i = 0; i < 1200 && role == null; i++) {
            try {
                role = iam.getRole(b -> b.roleName("Admin")).role();
            } catch (software.amazon.awssdk.services.iam.model.NoSuchEntityException notYet) {
                Thread.sleep(100);
            }
        }
        assertEquals("arn:aws:iam::" + account + ":role/Admin", role.arn());
        assertEquals("blue", orgs.listTagsForResource(b -> b.resourceId(account)).tags().get(0).value());
    }

    @Test
    void aSecondAccountWithTheSameEmailFails() {
        OrganizationsClient orgs = org(newOrganization());
        createAccount(orgs, "same");
        String again = orgs.createAccount(b -> b.accountName("other").email("same@example.com")).createAccountStatus()
                .id();
        letAccountCreationFinish();
        CreateAccountStatus s = orgs.describeCreateAccountStatus(b -> b.createAccountRequestId(again))
                .createAccountStatus();
        assertEquals("FAILED", s.stateAsString());
        assertEquals("EMAIL_ALREADY_EXISTS", s.failureReasonAsString());
    }

    @Test
    void closeAccountGoesPendingClosureThenSuspended() {
        String mgmt = newOrganization();
        OrganizationsClient orgs = org(mgmt);
        String id = createAccount(orgs, unique("closing"));
        orgs.closeAccount(b -> b.accountId(id));
        assertEquals("PENDING_CLOSURE", orgs.describeAccount(b -> b.accountId(id)).account().statusAsString());
        aws.context().clock().advance(Accounts.CLOSING_TIME.plusSeconds(1));
        assertEquals("SUSPENDED", orgs.describeAccount(b -> b.accountId(id)).account().statusAsString());
        assertError(software.amazon.awssdk.services.organizations.model.AccountAlreadyClosedException.class,
                "AccountAlreadyClosedException", () -> orgs.closeAccount(b -> b.accountId(id)));
        var e = assertError(software.amazon.awssdk.services.organizations.model.ConstraintViolationException.class,
                "ConstraintViolationException", () -> orgs.closeAccount(b -> b.accountId(mgmt)));
        assertEquals("CANNOT_CLOSE_MANAGEMENT_ACCOUNT", e.reasonAsString());
    }

    @Test
    void deleteOrganizationOnlyWhenNoMemberIsLeft() {
        String mgmt = newOrganization();
        OrganizationsClient orgs = org(mgmt);
        String member = createAccount(orgs, unique("m"));
        assertError(OrganizationNotEmptyException.class, "OrganizationNotEmptyException",
                () -> orgs.deleteOrganization(b -> { }));
        assertError(AccessDeniedException.class, "AccessDeniedException", () -> org(member).deleteOrganization(b -> { }));
        assertError(MasterCannotLeaveOrganizationException.class, "MasterCannotLeaveOrganizationException",
                () -> orgs.leaveOrganization(b -> { }));
        org(member).leaveOrganization(b -> { });
        assertError(AwsOrganizationsNotInUseException.class, "AWSOrganizationsNotInUseException",
                () -> org(member).describeOrganization());
        assertError(AccountNotFoundException.class, "AccountNotFoundException",
                () -> orgs.removeAccountFromOrganization(b -> b.accountId(member)));
        orgs.deleteOrganization(b -> { });
        assertError(AwsOrganizationsNotInUseException.class, "AWSOrganizationsNotInUseException",
                () -> orgs.describeOrganization());
    }

    @Test
    void invitedAccountsJoinWhenTheyAccept() {
        OrganizationsClient orgs = org(newOrganization());
        String guest = newAccountId();
        var h = orgs.inviteAccountToOrganization(b -> b.target(t -> t.id(guest).type("ACCOUNT")).notes("hi"))
                .handshake();
        assertEquals("OPEN", h.stateAsString());
        assertEquals("INVITE", h.actionAsString());
        assertError(software.amazon.awssdk.services.organizations.model.DuplicateHandshakeException.class,
                "DuplicateHandshakeException",
                () -> orgs.inviteAccountToOrganization(b -> b.target(t -> t.id(guest).type("ACCOUNT"))));
        assertEquals(h.id(), org(guest).listHandshakesForAccount(b -> { }).handshakes().get(0).id());
        assertEquals("ACCEPTED", org(guest).acceptHandshake(b -> b.handshakeId(h.id())).handshake().stateAsString());
        assertEquals("INVITED", orgs.describeAccount(b -> b.accountId(guest)).account().joinedMethodAsString());
        assertError(software.amazon.awssdk.services.organizations.model.HandshakeAlreadyInStateException.class,
                "HandshakeAlreadyInStateException", () -> org(guest).acceptHandshake(b -> b.handshakeId(h.id())));

        String other = newAccountId();
        var h2 = orgs.inviteAccountToOrganization(b -> b.target(t -> t.id(other).type("ACCOUNT"))).handshake();
        assertEquals("DECLINED", org(other).declineHandshake(b -> b.handshakeId(h2.id())).handshake().stateAsString());
        assertError(software.amazon.awssdk.services.organizations.model.InvalidHandshakeTransitionException.class,
                "InvalidHandshakeTransitionException", () -> orgs.cancelHandshake(b -> b.handshakeId(h2.id())));
        assertEquals(2, orgs.listHandshakesForOrganization(b -> { }).handshakes().size());
        assertError(software.amazon.awssdk.services.organizations.model.HandshakeNotFoundException.class,
                "HandshakeNotFoundException", () -> org(newAccountId()).acceptHandshake(b -> b.handshakeId(h2.id())));
    }
}
