package io.gureum.organizations;

import io.gureum.core.spi.ServiceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountAlreadyClosedException;
import software.amazon.awssdk.services.organizations.model.AccountNotFoundException;
import software.amazon.awssdk.services.organizations.model.CloseAccountRequest;
import software.amazon.awssdk.services.organizations.model.CloseAccountResponse;
import software.amazon.awssdk.services.organizations.model.ConstraintViolationExceptionReason;
import software.amazon.awssdk.services.organizations.model.CreateAccountRequest;
import software.amazon.awssdk.services.organizations.model.CreateAccountResponse;
import software.amazon.awssdk.services.organizations.model.CreateAccountStatus;
import software.amazon.awssdk.services.organizations.model.CreateAccountStatusNotFoundException;
import software.amazon.awssdk.services.organizations.model.DescribeAccountRequest;
import software.amazon.awssdk.services.organizations.model.DescribeAccountResponse;
import software.amazon.awssdk.services.organizations.model.DescribeCreateAccountStatusRequest;
import software.amazon.awssdk.services.organizations.model.DescribeCreateAccountStatusResponse;
import software.amazon.awssdk.services.organizations.model.DestinationParentNotFoundException;
import software.amazon.awssdk.services.organizations.model.DuplicateAccountException;
import software.amazon.awssdk.services.organizations.model.ListAccountsForParentRequest;
import software.amazon.awssdk.services.organizations.model.ListAccountsForParentResponse;
import software.amazon.awssdk.services.organizations.model.ListAccountsRequest;
import software.amazon.awssdk.services.organizations.model.ListAccountsResponse;
import software.amazon.awssdk.services.organizations.model.ListCreateAccountStatusRequest;
import software.amazon.awssdk.services.organizations.model.ListCreateAccountStatusResponse;
import software.amazon.awssdk.services.organizations.model.MoveAccountRequest;
import software.amazon.awssdk.services.organizations.model.MoveAccountResponse;
import software.amazon.awssdk.services.organizations.model.ParentNotFoundException;
import software.amazon.awssdk.services.organizations.model.SourceParentNotFoundException;

/**
 * CreateAccount and its status, DescribeAccount, ListAccounts, ListAccountsForParent, MoveAccount and
 * CloseAccount.
 */
public final class Accounts {
    /**
     * How long a CreateAccount takes on the core clock: it answers IN_PROGRESS and the account exists (in the
     * root, with its access role) once the clock has passed this.
     */
    static final Duration CREATION_TIME = Duration.ofSeconds(2);
    /** How long a closed account stays PENDING_CLOSURE before it is SUSPENDED (Gureum's choice). */
    static final Duration CLOSING_TIME = Duration.ofMinutes(10);
    static final String DEFAULT_ROLE = "OrganizationAccountAccessRole";
    static final String PARENT_NOT_FOUND = "We can't find a root or OU with the ParentId that you specified.";

    private final ServiceContext context;
    private final OrgStore store;
    private final OrgIds ids;
    private final java.util.function.Consumer<Duration> wakeUp;

    Accounts(ServiceContext context, OrgStore store, OrgIds ids, java.util.function.Consumer<Duration> wakeUp) {
        this.context = context;
        this.store = store;
        this.ids = ids;
        this.wakeUp = wakeUp;
    }

    /**
     * Asynchronous, as in AWS: the answer is IN_PROGRESS; DescribeCreateAccountStatus tells when it SUCCEEDED
     * (https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreateAccount.html). An e-mail address
     * already used in the organization makes the request FAILED with EMAIL_ALREADY_EXISTS.
     */
    public CreateAccountResponse createAccount(CreateAccountRequest r) {
        Organization org = store.managedByCaller();
        Instant now = context.clock().now();
        String accountId;
        do {
            accountId = ids.account();
        } while (store.organizationOf.containsKey(accountId) || accountId.equals(context.accounts().defaultAccount()));
        AccountCreation c = new AccountCreation(ids.createAccountRequest(), r.accountName(), r.email(),
                r.roleName() == null ? DEFAULT_ROLE : r.roleName(), accountId, now, now.plus(CREATION_TIME), r.tags());
        boolean emailTaken = org.accounts.values().stream().anyMatch(m -> m.email.equalsIgnoreCase(r.email()))
                || org.creations.stream().anyMatch(o -> !o.state.equals("FAILED") && o.email.equalsIgnoreCase(r.email()));
        if (emailTaken) {
            c.failureReason = "EMAIL_ALREADY_EXISTS";
        }
        org.creations.add(c);
        wakeUp.accept(CREATION_TIME);
        return CreateAccountResponse.builder().createAccountStatus(view(c)).build();
    }

    public DescribeCreateAccountStatusResponse describeCreateAccountStatus(DescribeCreateAccountStatusRequest r) {
        Organization org = store.readableByCaller();
        AccountCreation c = org.creations.stream().filter(x -> x.id.equals(r.createAccountRequestId())).findFirst()
                .orElseThrow(() -> OrgErrors.of(CreateAccountStatusNotFoundException.class,
                        "We can't find an create account request with the CreateAccountRequestId that you specified."));
        return DescribeCreateAccountStatusResponse.builder().createAccountStatus(view(c)).build();
    }

    public ListCreateAccountStatusResponse listCreateAccountStatus(ListCreateAccountStatusRequest r) {
        Organization org = store.readableByCaller();
        List<CreateAccountStatus> all = org.creations.stream()
                .filter(c -> !r.hasStates() || r.statesAsStrings().contains(c.state)).map(Accounts::view).toList();
        Pages.Page<CreateAccountStatus> page = Pages.page("ListCreateAccountStatus", all, r.nextToken(),
                r.maxResults());
        return ListCreateAccountStatusResponse.builder().createAccountStatuses(page.items())
                .nextToken(page.nextToken()).build();
    }

    public DescribeAccountResponse describeAccount(DescribeAccountRequest r) {
        Organization org = store.readableByCaller();
        return DescribeAccountResponse.builder().account(Views.account(org, OrgStore.member(org, r.accountId())))
                .build();
    }

    public ListAccountsResponse listAccounts(ListAccountsRequest r) {
        Organization org = store.readableByCaller();
        List<Account> all = org.accounts.values().stream().map(m -> Views.account(org, m)).toList();
        Pages.Page<Account> page = Pages.page("ListAccounts", all, r.nextToken(), r.maxResults());
        return ListAccountsResponse.builder().accounts(page.items()).nextToken(page.nextToken()).build();
    }

    public ListAccountsForParentResponse listAccountsForParent(ListAccountsForParentRequest r) {
        Organization org = store.readableByCaller();
        if (!org.isParent(r.parentId())) {
            throw OrgErrors.of(ParentNotFoundException.class, PARENT_NOT_FOUND);
        }
        List<Account> all = new ArrayList<>();
        for (String child : org.children(r.parentId())) {
            Member m = org.accounts.get(child);
            if (m != null) {
                all.add(Views.account(org, m));
            }
        }
        Pages.Page<Account> page = Pages.page("ListAccountsForParent", all, r.nextToken(), r.maxResults());
        return ListAccountsForParentResponse.builder().accounts(page.items()).nextToken(page.nextToken()).build();
    }

    public MoveAccountResponse moveAccount(MoveAccountRequest r) {
        Organization org = store.managedByCaller();
        if (!org.isParent(r.sourceParentId())) {
            throw OrgErrors.of(SourceParentNotFoundException.class,
                    "We can't find a source root or OU with the ParentId that you specified.");
        }
        if (!org.isParent(r.destinationParentId())) {
            throw OrgErrors.of(DestinationParentNotFoundException.class,
                    "We can't find a destination root or OU with the ParentId that you specified.");
        }
        OrgStore.member(org, r.accountId());
        String current = org.parents.get(r.accountId());
        if (current.equals(r.destinationParentId())) {
            throw OrgErrors.of(DuplicateAccountException.class,
                    "That account is already present in the specified destination.");
        }
        if (!current.equals(r.sourceParentId())) {
            throw OrgErrors.of(AccountNotFoundException.class,
                    "You specified an account that doesn't exist in the source parent.");
        }
        org.parents.put(r.accountId(), r.destinationParentId());
        return MoveAccountResponse.builder().build();
    }

    /**
     * The account goes PENDING_CLOSURE, then SUSPENDED; it stays in the organization (AWS keeps closed accounts
     * for 90 days: https://docs.aws.amazon.com/organizations/latest/APIReference/API_CloseAccount.html).
     */
    public CloseAccountResponse closeAccount(CloseAccountRequest r) {
        Organization org = store.managedByCaller();
        Member m = OrgStore.member(org, r.accountId());
        if (org.managementAccountId.equals(m.id)) {
            throw OrgErrors.constraint(ConstraintViolationExceptionReason.CANNOT_CLOSE_MANAGEMENT_ACCOUNT,
                    "You can't close the management account with this operation.");
        }
        if (!m.status.equals("ACTIVE")) {
            throw OrgErrors.of(AccountAlreadyClosedException.class,
                    "You attempted to close an account that is already closed.");
        }
        m.status = "PENDING_CLOSURE";
        m.suspendAt = context.clock().now().plus(CLOSING_TIME);
        wakeUp.accept(CLOSING_TIME);
        return CloseAccountResponse.builder().build();
    }

    static CreateAccountStatus view(AccountCreation c) {
        return CreateAccountStatus.builder().id(c.id).accountName(c.accountName).state(c.state)
                .requestedTimestamp(c.requested).completedTimestamp(c.completed)
                .accountId(c.state.equals("SUCCEEDED") ? c.accountId : null).failureReason(c.failureReason == null
                        || !c.state.equals("FAILED") ? null : c.failureReason).build();
    }
}
