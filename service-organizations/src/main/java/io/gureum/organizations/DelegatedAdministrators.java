package io.gureum.organizations;

import io.gureum.core.spi.ServiceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.organizations.model.AccountAlreadyRegisteredException;
import software.amazon.awssdk.services.organizations.model.AccountNotRegisteredException;
import software.amazon.awssdk.services.organizations.model.ConstraintViolationExceptionReason;
import software.amazon.awssdk.services.organizations.model.DelegatedAdministrator;
import software.amazon.awssdk.services.organizations.model.DelegatedService;
import software.amazon.awssdk.services.organizations.model.DeregisterDelegatedAdministratorRequest;
import software.amazon.awssdk.services.organizations.model.DeregisterDelegatedAdministratorResponse;
import software.amazon.awssdk.services.organizations.model.DisableAwsServiceAccessRequest;
import software.amazon.awssdk.services.organizations.model.DisableAwsServiceAccessResponse;
import software.amazon.awssdk.services.organizations.model.EnableAwsServiceAccessRequest;
import software.amazon.awssdk.services.organizations.model.EnableAwsServiceAccessResponse;
import software.amazon.awssdk.services.organizations.model.EnabledServicePrincipal;
import software.amazon.awssdk.services.organizations.model.InvalidInputExceptionReason;
import software.amazon.awssdk.services.organizations.model.ListAwsServiceAccessForOrganizationRequest;
import software.amazon.awssdk.services.organizations.model.ListAwsServiceAccessForOrganizationResponse;
import software.amazon.awssdk.services.organizations.model.ListDelegatedAdministratorsRequest;
import software.amazon.awssdk.services.organizations.model.ListDelegatedAdministratorsResponse;
import software.amazon.awssdk.services.organizations.model.ListDelegatedServicesForAccountRequest;
import software.amazon.awssdk.services.organizations.model.ListDelegatedServicesForAccountResponse;
import software.amazon.awssdk.services.organizations.model.RegisterDelegatedAdministratorRequest;
import software.amazon.awssdk.services.organizations.model.RegisterDelegatedAdministratorResponse;

/** Trusted access of AWS services and their delegated administrator accounts. */
public final class DelegatedAdministrators {
    private final ServiceContext context;
    private final OrgStore store;

    DelegatedAdministrators(ServiceContext context, OrgStore store) {
        this.context = context;
        this.store = store;
    }

    public EnableAwsServiceAccessResponse enableAWSServiceAccess(EnableAwsServiceAccessRequest r) {
        Organization org = store.managedByCaller();
        org.serviceAccess.putIfAbsent(principal(r.servicePrincipal()), context.clock().now());
        return EnableAwsServiceAccessResponse.builder().build();
    }

    public DisableAwsServiceAccessResponse disableAWSServiceAccess(DisableAwsServiceAccessRequest r) {
        Organization org = store.managedByCaller();
        org.serviceAccess.remove(principal(r.servicePrincipal()));
        return DisableAwsServiceAccessResponse.builder().build();
    }

    public ListAwsServiceAccessForOrganizationResponse listAWSServiceAccessForOrganization(
            ListAwsServiceAccessForOrganizationRequest r) {
        Organization org = store.readableByCaller();
        List<EnabledServicePrincipal> all = org.serviceAccess.entrySet().stream().map(e -> EnabledServicePrincipal
                .builder().servicePrincipal(e.getKey()).dateEnabled(e.getValue()).build()).toList();
        Pages.Page<EnabledServicePrincipal> page = Pages.page("ListAWSServiceAccessForOrganization", all,
                r.nextToken(), r.maxResults());
        return ListAwsServiceAccessForOrganizationResponse.builder().enabledServicePrincipals(page.items())
                .nextToken(page.nextToken()).build();
    }

    /**
     * The service must have trusted access first (SERVICE_ACCESS_NOT_ENABLED), and the management account cannot
     * be one (https://docs.aws.amazon.com/organizations/latest/APIReference/API_RegisterDelegatedAdministrator.html).
     */
    public RegisterDelegatedAdministratorResponse registerDelegatedAdministrator(
            RegisterDelegatedAdministratorRequest r) {
        Organization org = store.managedByCaller();
        String service = principal(r.servicePrincipal());
        OrgStore.member(org, r.accountId());
        if (org.managementAccountId.equals(r.accountId())) {
            throw OrgErrors.constraint(
                    ConstraintViolationExceptionReason.CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR,
                    "You cannot register the management account as a delegated administrator.");
        }
        if (!org.serviceAccess.containsKey(service)) {
            throw OrgErrors.constraint(ConstraintViolationExceptionReason.SERVICE_ACCESS_NOT_ENABLED,
                    "You attempted to register a delegated administrator before you enabled service access.");
        }
        Map<String, Instant> admins = org.delegatedAdministrators.computeIfAbsent(service, k -> new LinkedHashMap<>());
        if (admins.containsKey(r.accountId())) {
            throw OrgErrors.of(AccountAlreadyRegisteredException.class,
                    "The provided account is already a delegated administrator for your organization.");
        }
        admins.put(r.accountId(), context.clock().now());
        return RegisterDelegatedAdministratorResponse.builder().build();
    }

    public DeregisterDelegatedAdministratorResponse deregisterDelegatedAdministrator(
            DeregisterDelegatedAdministratorRequest r) {
        Organization org = store.managedByCaller();
        String service = principal(r.servicePrincipal());
        OrgStore.member(org, r.accountId());
        Map<String, Instant> admins = org.delegatedAdministrators.get(service);
        if (admins == null || admins.remove(r.accountId()) == null) {
            throw notRegistered();
        }
        return DeregisterDelegatedAdministratorResponse.builder().build();
    }

    public ListDelegatedAdministratorsResponse listDelegatedAdministrators(ListDelegatedAdministratorsRequest r) {
        Organization org = store.readableByCaller();
        Map<String, Instant> first = new LinkedHashMap<>();
        org.delegatedAdministrators.forEach((service, admins) -> {
            if (r.servicePrincipal() == null || r.servicePrincipal().equals(service)) {
                admins.forEach(first::putIfAbsent);
            }
        });
        List<DelegatedAdministrator> all = new ArrayList<>();
        first.forEach((account, since) -> {
            Member m = org.accounts.get(account);
            all.add(DelegatedAdministrator.builder().id(m.id).arn(org.accountArn(m.id)).email(m.email).name(m.name)
                    .status(m.status).joinedMethod(m.joinedMethod).joinedTimestamp(m.joined)
                    .delegationEnabledDate(since).build());
        });
        Pages.Page<DelegatedAdministrator> page = Pages.page("ListDelegatedAdministrators", all, r.nextToken(),
                r.maxResults());
        return ListDelegatedAdministratorsResponse.builder().delegatedAdministrators(page.items())
                .nextToken(page.nextToken()).build();
    }

    public ListDelegatedServicesForAccountResponse listDelegatedServicesForAccount(
            ListDelegatedServicesForAccountRequest r) {
        Organization org = store.readableByCaller();
        OrgStore.member(org, r.accountId());
        List<DelegatedService> all = new ArrayList<>();
        org.delegatedAdministrators.forEach((service, admins) -> {
            Instant since = admins.get(r.accountId());
            if (since != null) {
                all.add(DelegatedService.builder().servicePrincipal(service).delegationEnabledDate(since).build());
            }
        });
        if (all.isEmpty()) {
            throw notRegistered();
        }
        Pages.Page<DelegatedService> page = Pages.page("ListDelegatedServicesForAccount", all, r.nextToken(),
                r.maxResults());
        return ListDelegatedServicesForAccountResponse.builder().delegatedServices(page.items())
                .nextToken(page.nextToken()).build();
    }

    private static String principal(String servicePrincipal) {
        if (servicePrincipal == null || !servicePrincipal.endsWith(".amazonaws.com")) {
            throw OrgErrors.invalid(InvalidInputExceptionReason.UNRECOGNIZED_SERVICE_PRINCIPAL,
                    "You specified an unrecognized service principal.");
        }
        return servicePrincipal;
    }

    private static AccountNotRegisteredException notRegistered() {
        return OrgErrors.of(AccountNotRegisteredException.class,
                "The provided account is not a registered delegated administrator for your organization.");
    }
}
