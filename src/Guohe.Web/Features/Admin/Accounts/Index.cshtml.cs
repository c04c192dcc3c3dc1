using Guohe.Web.Data;
using Guohe.Web.Features.Shared;

namespace Guohe.Web.Features.Admin.Accounts;

/// <summary>Every account with its role and state, filtered and paged, with links to manage each.</summary>
public sealed class IndexModel(GuoheDbContext db, TimeProvider clock) : AccountListPageModel(db, clock);
