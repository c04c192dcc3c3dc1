using Guohe.Web.Data;
using Guohe.Web.Features.Shared;

namespace Guohe.Web.Features.Audit;

/// <summary>The auditor's read-only view of accounts and roles.</summary>
public sealed class AccountsModel(GuoheDbContext db, TimeProvider clock) : AccountListPageModel(db, clock);
