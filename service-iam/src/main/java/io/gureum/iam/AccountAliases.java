package io.gureum.iam;

import io.gureum.core.spi.ServiceContext;
import java.util.List;
import software.amazon.awssdk.services.iam.model.CreateAccountAliasRequest;
import software.amazon.awssdk.services.iam.model.CreateAccountAliasResponse;
import software.amazon.awssdk.services.iam.model.DeleteAccountAliasRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccountAliasResponse;
import software.amazon.awssdk.services.iam.model.ListAccountAliasesRequest;
import software.amazon.awssdk.services.iam.model.ListAccountAliasesResponse;

/**
 * The account's alias (https://docs.aws.amazon.com/IAM/latest/UserGuide/console_account-alias.html): at most one per
 * account, unique across all accounts; the model's pattern ({@code ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$}) is
 * checked by core.
 */
final class AccountAliases extends Family {

    AccountAliases(ServiceContext context, IamStore store) {
        super(context, store);
    }

    public CreateAccountAliasResponse createAccountAlias(CreateAccountAliasRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            if (r.accountAlias().equals(account.alias)) {
                return CreateAccountAliasResponse.builder().build();
            }
            if (account.alias != null) {
                throw IamErrors.quota("AccountAliasesPerAccount", 1);
            }
            if (store.aliases.putIfAbsent(r.accountAlias(), account.id) != null) {
                throw IamErrors.alreadyExists("The account alias " + r.accountAlias() + " already exists.");
            }
            account.alias = r.accountAlias();
            return CreateAccountAliasResponse.builder().build();
        }
    }

    public DeleteAccountAliasResponse deleteAccountAlias(DeleteAccountAliasRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            if (!r.accountAlias().equals(account.alias)) {
                throw IamErrors.noSuchEntity("The account alias " + r.accountAlias() + " cannot be found.");
            }
            store.aliases.remove(account.alias, account.id);
            account.alias = null;
            return DeleteAccountAliasResponse.builder().build();
        }
    }

    public ListAccountAliasesResponse listAccountAliases(ListAccountAliasesRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            List<String> aliases = account.alias == null ? List.of() : List.of(account.alias);
            Paging<String> page = Paging.page(aliases, a -> a, r.marker(), r.maxItems());
            return ListAccountAliasesResponse.builder().accountAliases(page.items()).isTruncated(page.truncated())
                    .marker(page.marker()).build();
        }
    }
}
