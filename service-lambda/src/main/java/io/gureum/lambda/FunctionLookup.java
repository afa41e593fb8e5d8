package io.gureum.lambda;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.AccountRegionStore;

/**
 * The lookups nearly every operation starts with: the store of the calling account and region, the
 * function a {@code FunctionName} names ({@link #require}) and the version a qualifier selects
 * ({@link #resolve}), with AWS's not-found errors.
 */
final class FunctionLookup {

    /** A function with the version a qualifier selects; {@code alias} is set when the qualifier is an alias. */
    record Resolved(LambdaFunction function, FunctionVersion version, String qualifier, Alias alias) {
        String qualifiedArn() {
            return qualifier == null ? function.arn : function.arn + ":" + qualifier;
        }
    }

    private final ServiceContext context;
    private final AccountRegionStore<LambdaStore> stores;

    FunctionLookup(ServiceContext context, AccountRegionStore<LambdaStore> stores) {
        this.context = context;
        this.stores = stores;
    }

    AccountRegionStore<LambdaStore> stores() {
        return stores;
    }

    /** The store of the account and region the reference names, else the caller's. */
    LambdaStore store(FunctionRef ref) {
        RequestContext ctx = RequestContext.currentOrNull();
        String account = ref.account() != null ? ref.account()
                : ctx != null ? ctx.accountId() : context.config().defaultAccount();
        String region = ref.region() != null ? ref.region()
                : ctx != null ? ctx.region() : context.config().defaultRegion();
        return stores.get(account, region);
    }

    /** The caller's store. */
    LambdaStore current() {
        RequestContext ctx = RequestContext.current();
        return stores.get(ctx.accountId(), ctx.region());
    }

    static String functionArn(String account, String region, String name) {
        return Arn.of("lambda", region, account, "function:" + name).toString();
    }

    /** The function a FunctionName names (its qualifier ignored). */
    LambdaFunction require(FunctionRef ref) {
        LambdaStore store = store(ref);
        LambdaFunction f = store.functions.get(ref.name());
        if (f == null || f.deleted) {
            String arn = functionArn(store.account, store.region, ref.name());
            throw LambdaErrors.functionNotFound(ref.qualifier() == null ? arn : arn + ":" + ref.qualifier());
        }
        return f;
    }

    LambdaFunction require(String functionName) {
        return require(FunctionRef.parse(functionName, null));
    }

    /** The version that FunctionName plus Qualifier select: $LATEST, a number, or an alias's version. */
    Resolved resolve(String functionName, String qualifier) {
        FunctionRef ref = FunctionRef.parse(functionName, qualifier);
        LambdaFunction f = require(ref);
        String q = ref.qualifier();
        if (q == null) {
            return new Resolved(f, f.latest, null, null);
        }
        if (LambdaFunction.isVersion(q)) {
            FunctionVersion v = f.version(q);
            if (v == null) {
                throw LambdaErrors.functionNotFound(f.arn + ":" + q);
            }
            return new Resolved(f, v, q, null);
        }
        Alias a = f.alias(q);
        if (a == null) {
            throw LambdaErrors.functionNotFound(f.arn + ":" + q);
        }
        return new Resolved(f, f.version(a.functionVersion()), q, a);
    }

    /** A change made with a {@code RevisionId} applies only to that revision: else 412 PreconditionFailed. */
    static void checkRevision(String expected, String actual) {
        if (expected != null && !expected.equals(actual)) {
            throw LambdaErrors.revisionMismatch();
        }
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
