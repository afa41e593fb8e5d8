package io.gureum.iam;

import io.gureum.core.spi.ServiceContext;
import software.amazon.awssdk.services.iam.model.DeleteAccountPasswordPolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccountPasswordPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetAccountPasswordPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetAccountPasswordPolicyResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.UpdateAccountPasswordPolicyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAccountPasswordPolicyResponse;

/**
 * The account password policy (ranges: length 6–128, age 1–1,095 days, reuse 1–24, checked by core from the model).
 * Console passwords set afterwards (CreateLoginProfile, UpdateLoginProfile, ChangePassword) must satisfy it.
 */
final class AccountPasswordPolicy extends Family {

    AccountPasswordPolicy(ServiceContext context, IamStore store) {
        super(context, store);
    }

    public UpdateAccountPasswordPolicyResponse updateAccountPasswordPolicy(UpdateAccountPasswordPolicyRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            account.passwordPolicy = PasswordPolicyRules.of(r);
            return UpdateAccountPasswordPolicyResponse.builder().build();
        }
    }

    public GetAccountPasswordPolicyResponse getAccountPasswordPolicy(GetAccountPasswordPolicyRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            return GetAccountPasswordPolicyResponse.builder().passwordPolicy(require(account).toSdk()).build();
        }
    }

    public DeleteAccountPasswordPolicyResponse deleteAccountPasswordPolicy(DeleteAccountPasswordPolicyRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            require(account);
            account.passwordPolicy = null;
            return DeleteAccountPasswordPolicyResponse.builder().build();
        }
    }

    private static PasswordPolicyRules require(IamStore.Account account) {
        if (account.passwordPolicy == null) {
            throw noPolicy(account.id);
        }
        return account.passwordPolicy;
    }

    static NoSuchEntityException noPolicy(String accountId) {
        return IamErrors.noSuchEntity("The Password Policy with domain name " + accountId + " cannot be found.");
    }
}
