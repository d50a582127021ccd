// Generated from /api/openapi.json by `npm run api-types`: do not edit by hand.

export interface paths {
    "/api/auth/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How people may join this install: whether anyone may sign up, or only the invited
         * @description Public.
         */
        get: operations["getApiAuthOptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who is signed in, their organisations and roles, and the CSRF token for changes
         * @description Any signed-in person.
         */
        get: operations["getApiAuthSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/signin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with email and password (a new session; the old one ends)
         * @description Public.
         */
        post: operations["postApiAuthSignin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/signout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End this session
         * @description Any signed-in person.
         */
        post: operations["postApiAuthSignout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an organisation and its first user, its Controller, and sign in
         * @description Public.
         */
        post: operations["postApiAuthSignup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an invitation: join its organisation with its role and sign in
         * @description Public.
         */
        post: operations["postApiInvitationsAccept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organisations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create another organisation; the signed-in user becomes its Controller
         * @description Any signed-in person.
         */
        post: operations["postApiOrganisations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organisation: name, defaults and the caller’s role
         * @description Permission `dashboards.view`: Controller, A/R Manager, A/R Operator, Legal, Billing Admin, Sales, CSM, Viewer / CFO.
         */
        get: operations["getApiOrgsOrgId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/api-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * API tokens (never their secrets), newest first
         * @description Permission `users.manage`: Controller.
         */
        get: operations["getApiOrgsOrgIdApiTokens"];
        put?: never;
        /**
         * Issue an API token acting with one role in this organisation; the secret is shown once
         * @description Permission `users.manage`: Controller.
         */
        post: operations["postApiOrgsOrgIdApiTokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/api-tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API token
         * @description Permission `users.manage`: Controller.
         */
        delete: operations["deleteApiOrgsOrgIdApiTokensId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Exception requests, newest first; `awaiting=me`: the ones you may decide now (your inbox)
         * @description Permission `dashboards.view`: Controller, A/R Manager, A/R Operator, Legal, Billing Admin, Sales, CSM, Viewer / CFO.
         */
        get: operations["getApiOrgsOrgIdApprovals"];
        put?: never;
        /**
         * Ask for a discount, credit or payment plan on an invoice; routed by the caps of the cadence that governs it
         * @description Permission `exceptions.request`: Controller, A/R Manager, A/R Operator, Billing Admin, Sales, CSM.
         */
        post: operations["postApiOrgsOrgIdApprovals"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/approvals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One exception request with its decisions and the roles it waits for
         * @description Permission `dashboards.view`: Controller, A/R Manager, A/R Operator, Legal, Billing Admin, Sales, CSM, Viewer / CFO.
         */
        get: operations["getApiOrgsOrgIdApprovalsId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/approvals/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve, reject or ask for more information, with a rationale (only a role the request waits for; never your own request)
         * @description Permission `dashboards.view`: Controller, A/R Manager, A/R Operator, Legal, Billing Admin, Sales, CSM, Viewer / CFO.
         */
        post: operations["postApiOrgsOrgIdApprovalsIdDecision"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/approvals/{id}/response": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The requester answers a question (the request waits again) or withdraws the request
         * @description Permission `exceptions.request`: Controller, A/R Manager, A/R Operator, Billing Admin, Sales, CSM.
         */
        post: operations["postApiOrgsOrgIdApprovalsIdResponse"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit trail, newest first; filter by actor, action (or a family ending in ".") and time
         * @description Permission `audit.view`: Controller, A/R Manager, Legal.
         */
        get: operations["getApiOrgsOrgIdAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/audit/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit trail as a file, in chain order with each entry’s hashes (CSV or JSON Lines); same filters as the list
         * @description Permission `audit.view`: Controller, A/R Manager, Legal.
         */
        get: operations["getApiOrgsOrgIdAuditExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The dashboard: A/R total per currency with aging buckets (current, 1–30, 31–60, 61–90, 90+ days past due), DSO by month, cadence coverage and promise adherence
         * @description Permission `dashboards.view`: Controller, A/R Manager, A/R Operator, Legal, Billing Admin, Sales, CSM, Viewer / CFO.
         */
        get: operations["getApiOrgsOrgIdDashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/disputes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Disputes: open ones by due time with their SLA state (open, at risk, late), then resolved ones
         * @description Permission `dashboards.view`: Controller, A/R Manager, A/R Operator, Legal, Billing Admin, Sales, CSM, Viewer / CFO.
         */
        get: operations["getApiOrgsOrgIdDisputes"];
        put?: never;
        /**
         * Open a dispute on an invoice with a reason code: the invoice leaves dunning until it is resolved
         * @description Permission `queue.work`: Controller, A/R Manager, A/R Operator.
         */
        post: operations["postApiOrgsOrgIdDisputes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/disputes/{id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give a dispute an owner (a member’s email), or none
         * @description Permission `queue.work`: Controller, A/R Manager, A/R Operator.
         */
        post: operations["postApiOrgsOrgIdDisputesIdAssign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/disputes/{id}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The files brought with a dispute (from the payer portal)
         * @description Permission `dashboards.view`: Controller, A/R Manager, A/R Operator, Legal, Billing Admin, Sales, CSM, Viewer / CFO.
         */
        get: operations["getApiOrgsOrgIdDisputesIdAttachments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/disputes/{id}/attachments/{attachmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One file of a dispute, base64
         * @description Permission `dashboards.view`: Controller, A/R Manager, A/R Operator, Legal, Billing Admin, Sales, CSM, Viewer / CFO.
         */
        get: operations["getApiOrgsOrgIdDisputesIdAttachmentsAttachmentId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/disputes/{id}/attachments/{attachmentId}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One file of a dispute as a download: its stored type, always as an attachment, under a safe version of the name the payer gave
         * @description Permission `dashboards.view`: Controller, A/R Manager, A/R Operator, Legal, Billing Admin, Sales, CSM, Viewer / CFO.
         */
        get: operations["getApiOrgsOrgIdDisputesIdAttachmentsAttachmentIdDownload"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/disputes/{id}/escalate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Escalate a dispute to Legal: answered within two business days
         * @description Permission `queue.work`: Controller, A/R Manager, A/R Operator.
         */
        post: operations["postApiOrgsOrgIdDisputesIdEscalate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/disputes/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve a dispute (queue workers; Legal once escalated): the invoice returns to its cadence
         * @description Permission `dashboards.view`: Controller, A/R Manager, A/R Operator, Legal, Billing Admin, Sales, CSM, Viewer / CFO.
         */
        post: operations["postApiOrgsOrgIdDisputesIdResolve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/drafts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One message with its text, HTML and attachments, for review
         * @description Permission `drafts.review`: Controller, A/R Manager, A/R Operator.
         */
        get: operations["getApiOrgsOrgIdDraftsId"];
        /**
         * Edit a draft’s subject and text (the branded layout stays)
         * @description Permission `drafts.review`: Controller, A/R Manager, A/R Operator.
         */
        put: operations["putApiOrgsOrgIdDraftsId"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/drafts/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a draft: it goes out at the first instant the customer’s guardrails allow (409 if it is no longer right to send)
         * @description Permission `drafts.review`: Controller, A/R Manager, A/R Operator.
         */
        post: operations["postApiOrgsOrgIdDraftsIdApprove"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/drafts/{id}/discard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Discard a draft, with the reason
         * @description Permission `drafts.review`: Controller, A/R Manager, A/R Operator.
         */
        post: operations["postApiOrgsOrgIdDraftsIdDiscard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/exports/customers.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every customer with its primary contact, as CSV in the import’s headings (safe to open in a spreadsheet)
         * @description Permission `exports.run`: Controller, A/R Manager, Viewer / CFO.
         */
        get: operations["getApiOrgsOrgIdExportsCustomersCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/exports/invoices.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every invoice with its open balance, as CSV in the import’s headings (safe to open in a spreadsheet)
         * @description Permission `exports.run`: Controller, A/R Manager, Viewer / CFO.
         */
        get: operations["getApiOrgsOrgIdExportsInvoicesCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/imports/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a CSV file with a column mapping: every valid row or none; dryRun checks and counts without writing
         * @description Permission `data.import`: Controller, A/R Manager, Billing Admin.
         */
        post: operations["postApiOrgsOrgIdImportsKind"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/imports/{kind}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The headings, a sample and the guessed column mapping of a file, from its first part (send up to 1 MB of the file's start)
         * @description Permission `data.import`: Controller, A/R Manager, Billing Admin.
         */
        post: operations["postApiOrgsOrgIdImportsKindPreview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/imports/{kind}/template": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A template file for an import: the headings Plixo reads and an example row (CSV)
         * @description Permission `data.import`: Controller, A/R Manager, Billing Admin.
         */
        get: operations["getApiOrgsOrgIdImportsKindTemplate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Invitations, newest first
         * @description Permission `users.manage`: Controller.
         */
        get: operations["getApiOrgsOrgIdInvitations"];
        put?: never;
        /**
         * Invite someone by email with a role (replaces their open invitation)
         * @description Permission `users.manage`: Controller.
         */
        post: operations["postApiOrgsOrgIdInvitations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/invitations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an open invitation
         * @description Permission `users.manage`: Controller.
         */
        delete: operations["deleteApiOrgsOrgIdInvitationsId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Invoices by id, a page at a time; filter by status and customer
         * @description Permission `dashboards.view`: Controller, A/R Manager, A/R Operator, Legal, Billing Admin, Sales, CSM, Viewer / CFO.
         */
        get: operations["getApiOrgsOrgIdInvoices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/invoices/{invoiceId}/nudge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a pre-approved nudge: a template of the invoice’s cadence, at the first instant its guardrails allow (quiet hours, days, holidays, the daily cap); one per invoice per day
         * @description Permission `messages.nudge`: Controller, A/R Manager, A/R Operator, Sales, CSM.
         */
        post: operations["postApiOrgsOrgIdInvoicesInvoiceIdNudge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/invoices/{invoiceId}/payer-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The invoice’s payer link: live, expired (seven days without use) or spent (paid through it), its last use and expiry, and its address; `link` null when the invoice has none
         * @description Permission `queue.work`: Controller, A/R Manager, A/R Operator.
         */
        get: operations["getApiOrgsOrgIdInvoicesInvoiceIdPayerLink"];
        put?: never;
        /**
         * Regenerate the invoice’s payer link: the old link stops working at once; the next message carries the new one
         * @description Permission `queue.work`: Controller, A/R Manager, A/R Operator.
         */
        post: operations["postApiOrgsOrgIdInvoicesInvoiceIdPayerLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/invoices/{invoiceId}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An invoice’s timeline, newest first (the newest `limit`, `more` when older ones exist): the engine’s sends, drafts, skips, tasks and escalations, what became of each message, replies and bounces, payments, promises, disputes, pauses and notes; with its promises, payment plans (each instalment paid, due or missed), active pause, open disputes, waiting tasks and the customer’s contacts
         * @description Permission `dashboards.view`: Controller, A/R Manager, A/R Operator, Legal, Billing Admin, Sales, CSM, Viewer / CFO.
         */
        get: operations["getApiOrgsOrgIdInvoicesInvoiceIdTimeline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Members and their roles
         * @description Permission `users.manage`: Controller.
         */
        get: operations["getApiOrgsOrgIdMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a member from the organisation
         * @description Permission `users.manage`: Controller.
         */
        delete: operations["deleteApiOrgsOrgIdMembersUserId"];
        options?: never;
        head?: never;
        /**
         * Change a member’s role (the last Controller keeps theirs)
         * @description Permission `users.manage`: Controller.
         */
        patch: operations["patchApiOrgsOrgIdMembersUserId"];
        trace?: never;
    };
    "/api/orgs/{orgId}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Internal notes on a customer or an invoice, newest first
         * @description Permission `dashboards.view`: Controller, A/R Manager, A/R Operator, Legal, Billing Admin, Sales, CSM, Viewer / CFO.
         */
        get: operations["getApiOrgsOrgIdNotes"];
        put?: never;
        /**
         * Add an internal note; @name or @email mentions a member, who is emailed
         * @description Permission `queue.work`: Controller, A/R Manager, A/R Operator.
         */
        post: operations["postApiOrgsOrgIdNotes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/operations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The ops console: readiness checks (each marked installation or organisation), maintenance, the worker’s jobs with last and next run, the organisation’s outbox
         * @description Permission `dashboards.view`: Controller, A/R Manager, A/R Operator, Legal, Billing Admin, Sales, CSM, Viewer / CFO.
         */
        get: operations["getApiOrgsOrgIdOperations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/operations/jobs/{name}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause one of the worker’s jobs for the whole installation: it is skipped until resumed (audited)
         * @description Permission `users.manage`: Controller.
         */
        post: operations["postApiOrgsOrgIdOperationsJobsNamePause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/operations/jobs/{name}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a paused job of the worker, for the whole installation (audited)
         * @description Permission `users.manage`: Controller.
         */
        post: operations["postApiOrgsOrgIdOperationsJobsNameResume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/operations/maintenance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Switch maintenance on (a reason is required) or off, for the whole installation: while on, no organisation plans or sends (audited)
         * @description Permission `users.manage`: Controller.
         */
        post: operations["postApiOrgsOrgIdOperationsMaintenance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Messages, newest first: queued, sent, drafts, held, withdrawn, each with why; filter by status and customer
         * @description Permission `dashboards.view`: Controller, A/R Manager, A/R Operator, Legal, Billing Admin, Sales, CSM, Viewer / CFO.
         */
        get: operations["getApiOrgsOrgIdOutbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/pauses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause collections for a customer or an invoice until a date, with the reason
         * @description Permission `queue.work`: Controller, A/R Manager, A/R Operator.
         */
        post: operations["postApiOrgsOrgIdPauses"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/payment-connectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organisation’s payment connectors (Stripe, the generic webhook), keys masked, and the webhook address of every processor, set up or not
         * @description Permission `connectors.manage`: Controller, Billing Admin.
         */
        get: operations["getApiOrgsOrgIdPaymentConnectors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/payment-connectors/{processor}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set a payment connector: Stripe’s secret key and webhook signing secret, or the generic webhook’s shared secret; answered masked
         * @description Permission `connectors.manage`: Controller, Billing Admin.
         */
        put: operations["putApiOrgsOrgIdPaymentConnectorsProcessor"];
        post?: never;
        /**
         * Remove a payment connector: its webhooks are refused from now on, and without Stripe payers pay through the payment address, if one is set
         * @description Permission `connectors.manage`: Controller, Billing Admin.
         */
        delete: operations["deleteApiOrgsOrgIdPaymentConnectorsProcessor"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/payment-connectors/{processor}/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test a payment connector without moving money: the shape of each key, whether the processor knows the API key (Stripe: a read of the balance), and the newest delivery that verified with the webhook secret
         * @description Permission `connectors.manage`: Controller, Billing Admin.
         */
        post: operations["postApiOrgsOrgIdPaymentConnectorsProcessorCheck"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Payments newest first with their allocations and reversals; unapplied=true lists those with money left to allocate
         * @description Permission `dashboards.view`: Controller, A/R Manager, A/R Operator, Legal, Billing Admin, Sales, CSM, Viewer / CFO.
         */
        get: operations["getApiOrgsOrgIdPayments"];
        put?: never;
        /**
         * Record an incoming payment (idempotent by its id in your system); applied at once when it names its invoices unambiguously, else left unapplied
         * @description Permission `payments.apply`: Controller, A/R Manager, A/R Operator, Billing Admin.
         */
        post: operations["postApiOrgsOrgIdPayments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/payments/{paymentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One payment with its allocations and reversals
         * @description Permission `dashboards.view`: Controller, A/R Manager, A/R Operator, Legal, Billing Admin, Sales, CSM, Viewer / CFO.
         */
        get: operations["getApiOrgsOrgIdPaymentsPaymentId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/payments/{paymentId}/allocations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Allocate a payment’s unapplied money across invoices, never above the payment or an invoice’s open balance, and decide each short-paid invoice’s rest (write off, promise, dispute, leave open), all in one transaction
         * @description Permission `payments.apply`: Controller, A/R Manager, A/R Operator, Billing Admin.
         */
        post: operations["postApiOrgsOrgIdPaymentsPaymentIdAllocations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/payments/{paymentId}/remittances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A payment’s remittance advices, newest first, each with its proposal (and what was accepted)
         * @description Permission `dashboards.view`: Controller, A/R Manager, A/R Operator, Legal, Billing Admin, Sales, CSM, Viewer / CFO.
         */
        get: operations["getApiOrgsOrgIdPaymentsPaymentIdRemittances"];
        put?: never;
        /**
         * Upload the payer’s remittance advice for a payment (CSV, PDF or text, base64, up to 10 MB): each line is matched to an open invoice and proposed for review; nothing is applied yet
         * @description Permission `payments.apply`: Controller, A/R Manager, A/R Operator, Billing Admin.
         */
        post: operations["postApiOrgsOrgIdPaymentsPaymentIdRemittances"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/payments/{paymentId}/remittances/{remittanceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One remittance advice with its proposal: each line’s invoice, amount, confidence and problems, and the totals against the payment
         * @description Permission `dashboards.view`: Controller, A/R Manager, A/R Operator, Legal, Billing Admin, Sales, CSM, Viewer / CFO.
         */
        get: operations["getApiOrgsOrgIdPaymentsPaymentIdRemittancesRemittanceId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/payments/{paymentId}/remittances/{remittanceId}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept a remittance’s proposal: its proposed lines, or the lines given (with amounts where they differ); allocates the payment with a note citing the remittance, once
         * @description Permission `payments.apply`: Controller, A/R Manager, A/R Operator, Billing Admin.
         */
        post: operations["postApiOrgsOrgIdPaymentsPaymentIdRemittancesRemittanceIdAccept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/payments/{paymentId}/remittances/{remittanceId}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The remittance file as it was uploaded
         * @description Permission `dashboards.view`: Controller, A/R Manager, A/R Operator, Legal, Billing Admin, Sales, CSM, Viewer / CFO.
         */
        get: operations["getApiOrgsOrgIdPaymentsPaymentIdRemittancesRemittanceIdFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/payments/{paymentId}/reversals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record that money of a payment went back (refund or chargeback), idempotent by reference: the invoices it paid owe it again and resume their cadence
         * @description Permission `payments.reverse`: Controller, Billing Admin.
         */
        post: operations["postApiOrgsOrgIdPaymentsPaymentIdReversals"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/plan-cancellations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Call off the payment plan being kept on an invoice, with the reason: neither kept nor broken, the cadence resumes at once with catch-up
         * @description Permission `queue.work`: Controller, A/R Manager, A/R Operator.
         */
        post: operations["postApiOrgsOrgIdPlanCancellations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The live policy: which version each segment runs, and every version with its status
         * @description Permission `policy.view`: Controller, A/R Manager, A/R Operator, Legal.
         */
        get: operations["getApiOrgsOrgIdPolicy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/policy/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What changed from one version to another, file by file (unified diffs)
         * @description Permission `policy.view`: Controller, A/R Manager, A/R Operator, Legal.
         */
        get: operations["getApiOrgsOrgIdPolicyDiff"];
        put?: never;
        /**
         * What a bundle would change against a version (default: the live one), file by file; nothing is saved
         * @description Permission `policy.view`: Controller, A/R Manager, A/R Operator, Legal.
         */
        post: operations["postApiOrgsOrgIdPolicyDiff"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/policy/lint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The linter’s findings on files being edited, without saving them; with the merge tags a template may use and the fields and operators a segment may match on
         * @description Permission `policy.view`: Controller, A/R Manager, A/R Operator, Legal.
         */
        post: operations["postApiOrgsOrgIdPolicyLint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/policy/template-preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A template of the files given rendered for a sample invoice (default: the first open one): subject, HTML, text and attachments; nothing is saved or sent
         * @description Permission `policy.view`: Controller, A/R Manager, A/R Operator, Legal.
         */
        post: operations["postApiOrgsOrgIdPolicyTemplatePreview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/policy/template-test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a template of the files given, rendered for a sample invoice, to yourself (subject marked [Test]); never to the customer
         * @description Permission `policy.edit`: Controller, A/R Manager.
         */
        post: operations["postApiOrgsOrgIdPolicyTemplateTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/policy/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a draft: from the files given, or a copy of a version (basedOn), or of the live version
         * @description Permission `policy.edit`: Controller, A/R Manager.
         */
        post: operations["postApiOrgsOrgIdPolicyVersions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/policy/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One version: its files and the linter’s findings
         * @description Permission `policy.view`: Controller, A/R Manager, A/R Operator, Legal.
         */
        get: operations["getApiOrgsOrgIdPolicyVersionsVersion"];
        /**
         * Save a draft from the revision read (a published version is refused: create a draft)
         * @description Permission `policy.edit`: Controller, A/R Manager.
         */
        put: operations["putApiOrgsOrgIdPolicyVersionsVersion"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/policy/versions/{version}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The impact of publishing a version to segments: invoices whose next action changes, with a before/after sample
         * @description Permission `policy.edit`: Controller, A/R Manager.
         */
        post: operations["postApiOrgsOrgIdPolicyVersionsVersionPreview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/policy/versions/{version}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish a version to segments (or "all"); an earlier version again is a rollback. 409 when another publish came first
         * @description Permission `policy.publish`: Controller, A/R Manager.
         */
        post: operations["postApiOrgsOrgIdPolicyVersionsVersionPublish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/portal-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The payer portal’s settings: the payment address used when no processor is connected
         * @description Permission `connectors.manage`: Controller, Billing Admin.
         */
        get: operations["getApiOrgsOrgIdPortalSettings"];
        /**
         * Set the payment address ({invoice_number}, {amount}, {currency} are filled in), or null for none
         * @description Permission `connectors.manage`: Controller, Billing Admin.
         */
        put: operations["putApiOrgsOrgIdPortalSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/portal-settings/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Where a payer would be sent with this payment address, filled in for one of the open invoices (or a sample one); refused as saving it would be, naming paymentUrlTemplate
         * @description Permission `connectors.manage`: Controller, Billing Admin.
         */
        post: operations["postApiOrgsOrgIdPortalSettingsPreview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/promises": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Promises to pay, newest first, each open, kept or missed
         * @description Permission `dashboards.view`: Controller, A/R Manager, A/R Operator, Legal, Billing Admin, Sales, CSM, Viewer / CFO.
         */
        get: operations["getApiOrgsOrgIdPromises"];
        put?: never;
        /**
         * Log a promise to pay: the cadence waits until the date (and grace), then resumes with a task if it is not kept
         * @description Permission `queue.work`: Controller, A/R Manager, A/R Operator.
         */
        post: operations["postApiOrgsOrgIdPromises"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The collections queue by score, with the reasons for each place, its next planned action, and today’s focus (the top three)
         * @description Permission `dashboards.view`: Controller, A/R Manager, A/R Operator, Legal, Billing Admin, Sales, CSM, Viewer / CFO.
         */
        get: operations["getApiOrgsOrgIdQueue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The segments of the live policy with their mode, health and gates
         * @description Permission `dashboards.view`: Controller, A/R Manager, A/R Operator, Legal, Billing Admin, Sales, CSM, Viewer / CFO.
         */
        get: operations["getApiOrgsOrgIdSegments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/segments/{segment}/mode": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn Autopilot on or off for a segment; Autopilot needs the gates passed, or a Controller’s override with a reason
         * @description Permission `segments.mode`: Controller, A/R Manager.
         */
        post: operations["postApiOrgsOrgIdSegmentsSegmentMode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/segments/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What a segment of the files given would govern now: the count and a first page of open invoices, and where segments’ filters overlap with the one that wins; nothing is saved
         * @description Permission `policy.view`: Controller, A/R Manager, A/R Operator, Legal.
         */
        post: operations["postApiOrgsOrgIdSegmentsPreview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/sending-domains": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Each sending domain: SPF, DKIM and DMARC as last checked, warm-up (day of the ramp, today’s cap and sends), bounce and complaint rates over the last 200 sends with the thresholds, paused or not
         * @description Permission `dashboards.view`: Controller, A/R Manager, A/R Operator, Legal, Billing Admin, Sales, CSM, Viewer / CFO.
         */
        get: operations["getApiOrgsOrgIdSendingDomains"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/sending-domains/{domain}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop sending from a domain of this organisation, with the reason: its messages stay queued (audited)
         * @description Permission `operations.manage`: Controller, A/R Manager.
         */
        post: operations["postApiOrgsOrgIdSendingDomainsDomainPause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/sending-domains/{domain}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Let a paused domain of this organisation send again, with why (audited)
         * @description Permission `operations.manage`: Controller, A/R Manager.
         */
        post: operations["postApiOrgsOrgIdSendingDomainsDomainResume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/simulate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What the engine would do for a customer or a segment over a range (up to 366 days), under the live policy or a version: sends, drafts, tasks, escalations and skips, each with the reasons it moved; nothing is recorded or sent
         * @description Permission `policy.view`: Controller, A/R Manager, A/R Operator, Legal.
         */
        post: operations["postApiOrgsOrgIdSimulate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/suppressions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The suppression list: addresses Plixo never writes to, with reason, note and reactivation date
         * @description Permission `suppressions.manage`: Controller, A/R Manager, A/R Operator, Legal.
         */
        get: operations["getApiOrgsOrgIdSuppressions"];
        put?: never;
        /**
         * Suppress an address (an opt-out by phone, a legal hold), until a date or until lifted
         * @description Permission `suppressions.manage`: Controller, A/R Manager, A/R Operator, Legal.
         */
        post: operations["postApiOrgsOrgIdSuppressions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/suppressions/{email}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Lift a suppression
         * @description Permission `suppressions.manage`: Controller, A/R Manager, A/R Operator, Legal.
         */
        delete: operations["deleteApiOrgsOrgIdSuppressionsEmail"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/suppressions/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Suppress many addresses from CSV (email,reason[,note[,until]] a line, up to 5000): with dryRun, the preview (what would be added, what is already suppressed, each bad line and field); without, the import, all or nothing (audited per address)
         * @description Permission `suppressions.manage`: Controller, A/R Manager, A/R Operator, Legal.
         */
        post: operations["postApiOrgsOrgIdSuppressionsImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/suppressions/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The suppression list a page at a time, by email, optionally only addresses containing `search`
         * @description Permission `suppressions.manage`: Controller, A/R Manager, A/R Operator, Legal.
         */
        get: operations["getApiOrgsOrgIdSuppressionsSearch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/unapplied-cash": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Unapplied Cash: payments with money left to allocate, newest first, searched by payer, reference or memo, amount, currency and dates received; each with Cash-App Assist’s suggestions
         * @description Permission `payments.apply`: Controller, A/R Manager, A/R Operator, Billing Admin.
         */
        get: operations["getApiOrgsOrgIdUnappliedCash"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{orgId}/unapplied-cash/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Open invoices to allocate a payment to, oldest due first, by number, customer (name or id) and amount, each with what it still owes now
         * @description Permission `payments.apply`: Controller, A/R Manager, A/R Operator, Billing Admin.
         */
        get: operations["getApiOrgsOrgIdUnappliedCashInvoices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        JsonValue: string | number | boolean | null | components["schemas"]["JsonValue"][] | {
            [key: string]: components["schemas"]["JsonValue"];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getApiAuthOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        signUpOpen: boolean;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiAuthSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        csrfToken: string;
                        expiresAt: string;
                        organisations: {
                            id: string;
                            name: string;
                            permissions: string[];
                            /** @enum {string} */
                            role: "controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer";
                        }[];
                        user: {
                            email: string;
                            id: string;
                            name: string;
                        };
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiAuthSignin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        csrfToken: string;
                        expiresAt: string;
                        organisations: {
                            id: string;
                            name: string;
                            permissions: string[];
                            /** @enum {string} */
                            role: "controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer";
                        }[];
                        user: {
                            email: string;
                            id: string;
                            name: string;
                        };
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiAuthSignout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiAuthSignup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    /** @default  */
                    name?: string;
                    organisation: {
                        /** @default USD */
                        currency?: string;
                        /** @default en-US */
                        locale?: string;
                        name: string;
                        /** @default UTC */
                        timeZone?: string;
                    };
                    password: string;
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        csrfToken: string;
                        expiresAt: string;
                        organisations: {
                            id: string;
                            name: string;
                            permissions: string[];
                            /** @enum {string} */
                            role: "controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer";
                        }[];
                        user: {
                            email: string;
                            id: string;
                            name: string;
                        };
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiInvitationsAccept: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    password: string;
                    token: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        csrfToken: string;
                        expiresAt: string;
                        organisationId: string;
                        organisations: {
                            id: string;
                            name: string;
                            permissions: string[];
                            /** @enum {string} */
                            role: "controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer";
                        }[];
                        user: {
                            email: string;
                            id: string;
                            name: string;
                        };
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrganisations: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating the request with the same key and body answers the first answer instead of acting twice. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default USD */
                    currency?: string;
                    /** @default en-US */
                    locale?: string;
                    name: string;
                    /** @default UTC */
                    timeZone?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        currency: string;
                        id: string;
                        locale: string;
                        name: string;
                        plan: {
                            features: string[];
                            limits: {
                                customers: number | null;
                                openBalance: number | null;
                            };
                            /** @enum {string} */
                            name: "starter" | "growth" | "scale" | "enterprise";
                            usage: {
                                customers: number;
                                openBalance: number;
                            };
                        };
                        timeZone: string;
                        /** @enum {string} */
                        yourRole: "controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer";
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdApiTokens: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            createdAt: string;
                            expiresAt: string | null;
                            id: string;
                            lastUsedAt: string | null;
                            name: string;
                            revokedAt: string | null;
                            /** @enum {string} */
                            role: "controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer";
                        }[];
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdApiTokens: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating the request with the same key and body answers the first answer instead of acting twice. */
                "Idempotency-Key"?: string;
            };
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    expiresAt?: string;
                    name: string;
                    /** @enum {string} */
                    role: "controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer";
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        expiresAt: string | null;
                        id: string;
                        lastUsedAt: string | null;
                        name: string;
                        revokedAt: string | null;
                        /** @enum {string} */
                        role: "controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer";
                        secret: string;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    deleteApiOrgsOrgIdApiTokensId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdApprovals: {
        parameters: {
            query?: {
                awaiting?: "me";
                cursor?: string;
                invoiceId?: string;
                limit?: number;
                status?: "pending" | "info_requested" | "approved" | "rejected" | "expired" | "withdrawn";
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            amount: {
                                currency: string;
                                value: string;
                            };
                            awaiting: ("controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer")[];
                            createdAt: string;
                            customerId: string;
                            decidedAt: string | null;
                            decisions: {
                                at: string;
                                by: string;
                                decision: string;
                                rationale: string;
                                /** @enum {string} */
                                role: "controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer";
                            }[];
                            expiresAt: string;
                            explanation: string;
                            id: number;
                            installments: {
                                amount: string;
                                on: string;
                            }[] | null;
                            invoiceId: string;
                            /** @enum {string} */
                            kind: "discount" | "credit" | "payment_plan";
                            reason: string;
                            requestedBy: string;
                            requiredRoles: ("controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer")[];
                            /** @enum {string} */
                            status: "pending" | "info_requested" | "approved" | "rejected" | "expired" | "withdrawn";
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdApprovals: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating the request with the same key and body answers the first answer instead of acting twice. */
                "Idempotency-Key"?: string;
            };
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    amount?: string;
                    installments?: {
                        amount: string;
                        on: string;
                    }[];
                    invoiceId: string;
                    /** @enum {string} */
                    kind: "discount" | "credit" | "payment_plan";
                    reason: string;
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        amount: {
                            currency: string;
                            value: string;
                        };
                        awaiting: ("controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer")[];
                        createdAt: string;
                        customerId: string;
                        decidedAt: string | null;
                        decisions: {
                            at: string;
                            by: string;
                            decision: string;
                            rationale: string;
                            /** @enum {string} */
                            role: "controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer";
                        }[];
                        expiresAt: string;
                        explanation: string;
                        id: number;
                        installments: {
                            amount: string;
                            on: string;
                        }[] | null;
                        invoiceId: string;
                        /** @enum {string} */
                        kind: "discount" | "credit" | "payment_plan";
                        reason: string;
                        requestedBy: string;
                        requiredRoles: ("controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer")[];
                        /** @enum {string} */
                        status: "pending" | "info_requested" | "approved" | "rejected" | "expired" | "withdrawn";
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdApprovalsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        amount: {
                            currency: string;
                            value: string;
                        };
                        awaiting: ("controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer")[];
                        createdAt: string;
                        customerId: string;
                        decidedAt: string | null;
                        decisions: {
                            at: string;
                            by: string;
                            decision: string;
                            rationale: string;
                            /** @enum {string} */
                            role: "controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer";
                        }[];
                        expiresAt: string;
                        explanation: string;
                        id: number;
                        installments: {
                            amount: string;
                            on: string;
                        }[] | null;
                        invoiceId: string;
                        /** @enum {string} */
                        kind: "discount" | "credit" | "payment_plan";
                        reason: string;
                        requestedBy: string;
                        requiredRoles: ("controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer")[];
                        /** @enum {string} */
                        status: "pending" | "info_requested" | "approved" | "rejected" | "expired" | "withdrawn";
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdApprovalsIdDecision: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating the request with the same key and body answers the first answer instead of acting twice. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: number;
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    decision: "approve" | "reject" | "ask_info";
                    rationale: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        amount: {
                            currency: string;
                            value: string;
                        };
                        awaiting: ("controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer")[];
                        createdAt: string;
                        customerId: string;
                        decidedAt: string | null;
                        decisions: {
                            at: string;
                            by: string;
                            decision: string;
                            rationale: string;
                            /** @enum {string} */
                            role: "controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer";
                        }[];
                        expiresAt: string;
                        explanation: string;
                        id: number;
                        installments: {
                            amount: string;
                            on: string;
                        }[] | null;
                        invoiceId: string;
                        /** @enum {string} */
                        kind: "discount" | "credit" | "payment_plan";
                        reason: string;
                        requestedBy: string;
                        requiredRoles: ("controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer")[];
                        /** @enum {string} */
                        status: "pending" | "info_requested" | "approved" | "rejected" | "expired" | "withdrawn";
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdApprovalsIdResponse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    rationale: string;
                    /** @enum {string} */
                    response: "answer" | "withdraw";
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        amount: {
                            currency: string;
                            value: string;
                        };
                        awaiting: ("controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer")[];
                        createdAt: string;
                        customerId: string;
                        decidedAt: string | null;
                        decisions: {
                            at: string;
                            by: string;
                            decision: string;
                            rationale: string;
                            /** @enum {string} */
                            role: "controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer";
                        }[];
                        expiresAt: string;
                        explanation: string;
                        id: number;
                        installments: {
                            amount: string;
                            on: string;
                        }[] | null;
                        invoiceId: string;
                        /** @enum {string} */
                        kind: "discount" | "credit" | "payment_plan";
                        reason: string;
                        requestedBy: string;
                        requiredRoles: ("controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer")[];
                        /** @enum {string} */
                        status: "pending" | "info_requested" | "approved" | "rejected" | "expired" | "withdrawn";
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdAudit: {
        parameters: {
            query?: {
                action?: string;
                actor?: string;
                cursor?: string;
                limit?: number;
                since?: string;
                until?: string;
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            action: string;
                            actor: string;
                            at: string;
                            detail: {
                                [key: string]: components["schemas"]["JsonValue"];
                            };
                            id: number;
                            subject: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdAuditExport: {
        parameters: {
            query?: {
                action?: string;
                actor?: string;
                format?: "csv" | "json";
                since?: string;
                until?: string;
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdDashboard: {
        parameters: {
            query?: {
                months?: number;
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        asOfOn: string;
                        coverage: {
                            coveredInvoices: number;
                            openInvoices: number;
                            scoredAt: string | null;
                            share: number | null;
                        };
                        dso: {
                            month: string;
                            on: string;
                            partial: boolean;
                            values: {
                                currency: string;
                                dsoDays: number | null;
                                invoicedMinor: number;
                                periodDays: number;
                                receivableMinor: number;
                            }[];
                        }[];
                        promises: {
                            adherence: number | null;
                            kept: number;
                            missed: number;
                            open: number;
                        };
                        receivables: {
                            buckets: {
                                balanceMinor: number;
                                /** @enum {string} */
                                bucket: "current" | "1-30" | "31-60" | "61-90" | "90+";
                                invoices: number;
                            }[];
                            currency: string;
                            openInvoices: number;
                            totalMinor: number;
                        }[];
                        timeZone: string;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdDisputes: {
        parameters: {
            query?: {
                invoiceId?: string;
                limit?: number;
                open?: "true" | "false";
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            customerId: string;
                            description: string;
                            documents: string[];
                            dueAt: string;
                            escalatedToLegal: boolean;
                            id: number;
                            invoiceId: string;
                            openedAt: string;
                            openedBy: string;
                            owner: string | null;
                            reason: string;
                            resolution: string | null;
                            resolutionNote: string | null;
                            resolvedAt: string | null;
                            /** @enum {string} */
                            sla: "open" | "at_risk" | "late" | "resolved";
                        }[];
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdDisputes: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating the request with the same key and body answers the first answer instead of acting twice. */
                "Idempotency-Key"?: string;
            };
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default  */
                    description?: string;
                    invoiceId: string;
                    owner?: string;
                    /** @enum {string} */
                    reason: "pricing" | "quantity" | "quality" | "not_received" | "duplicate" | "terms" | "other";
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customerId: string;
                        description: string;
                        documents: string[];
                        dueAt: string;
                        escalatedToLegal: boolean;
                        id: number;
                        invoiceId: string;
                        openedAt: string;
                        openedBy: string;
                        owner: string | null;
                        reason: string;
                        resolution: string | null;
                        resolutionNote: string | null;
                        resolvedAt: string | null;
                        /** @enum {string} */
                        sla: "open" | "at_risk" | "late" | "resolved";
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdDisputesIdAssign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    owner: string | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customerId: string;
                        description: string;
                        documents: string[];
                        dueAt: string;
                        escalatedToLegal: boolean;
                        id: number;
                        invoiceId: string;
                        openedAt: string;
                        openedBy: string;
                        owner: string | null;
                        reason: string;
                        resolution: string | null;
                        resolutionNote: string | null;
                        resolvedAt: string | null;
                        /** @enum {string} */
                        sla: "open" | "at_risk" | "late" | "resolved";
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdDisputesIdAttachments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            contentType: string;
                            createdAt: string;
                            filename: string;
                            id: number;
                            sizeBytes: number;
                        }[];
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdDisputesIdAttachmentsAttachmentId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                attachmentId: number;
                id: number;
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contentBase64: string;
                        contentType: string;
                        createdAt: string;
                        filename: string;
                        id: number;
                        sizeBytes: number;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdDisputesIdAttachmentsAttachmentIdDownload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                attachmentId: number;
                id: number;
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdDisputesIdEscalate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customerId: string;
                        description: string;
                        documents: string[];
                        dueAt: string;
                        escalatedToLegal: boolean;
                        id: number;
                        invoiceId: string;
                        openedAt: string;
                        openedBy: string;
                        owner: string | null;
                        reason: string;
                        resolution: string | null;
                        resolutionNote: string | null;
                        resolvedAt: string | null;
                        /** @enum {string} */
                        sla: "open" | "at_risk" | "late" | "resolved";
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdDisputesIdResolve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note?: string;
                    /** @enum {string} */
                    resolution: "corrected" | "credited" | "upheld" | "paid" | "withdrawn";
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customerId: string;
                        description: string;
                        documents: string[];
                        dueAt: string;
                        escalatedToLegal: boolean;
                        id: number;
                        invoiceId: string;
                        openedAt: string;
                        openedBy: string;
                        owner: string | null;
                        reason: string;
                        resolution: string | null;
                        resolutionNote: string | null;
                        resolvedAt: string | null;
                        /** @enum {string} */
                        sla: "open" | "at_risk" | "late" | "resolved";
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdDraftsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attachments: {
                            contentType: string;
                            filename: string;
                        }[];
                        attempts: number;
                        bodyDroppedAt: string | null;
                        customerId: string;
                        decidedAt: string;
                        edited: boolean;
                        html: string | null;
                        id: number;
                        invoiceIds: string[];
                        /** @enum {string} */
                        kind: "send" | "draft";
                        notBefore: string;
                        reason: string | null;
                        reviewedBy: string | null;
                        sentAt: string | null;
                        /** @enum {string} */
                        status: "draft" | "queued" | "sending" | "sent" | "failed" | "held" | "withdrawn" | "discarded";
                        subject: string | null;
                        text: string | null;
                        to: string[];
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    putApiOrgsOrgIdDraftsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    subject: string;
                    text: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attachments: {
                            contentType: string;
                            filename: string;
                        }[];
                        attempts: number;
                        bodyDroppedAt: string | null;
                        customerId: string;
                        decidedAt: string;
                        edited: boolean;
                        html: string | null;
                        id: number;
                        invoiceIds: string[];
                        /** @enum {string} */
                        kind: "send" | "draft";
                        notBefore: string;
                        reason: string | null;
                        reviewedBy: string | null;
                        sentAt: string | null;
                        /** @enum {string} */
                        status: "draft" | "queued" | "sending" | "sent" | "failed" | "held" | "withdrawn" | "discarded";
                        subject: string | null;
                        text: string | null;
                        to: string[];
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdDraftsIdApprove: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating the request with the same key and body answers the first answer instead of acting twice. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: number;
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attempts: number;
                        bodyDroppedAt: string | null;
                        customerId: string;
                        decidedAt: string;
                        edited: boolean;
                        id: number;
                        invoiceIds: string[];
                        /** @enum {string} */
                        kind: "send" | "draft";
                        notBefore: string;
                        reason: string | null;
                        reviewedBy: string | null;
                        sentAt: string | null;
                        /** @enum {string} */
                        status: "draft" | "queued" | "sending" | "sent" | "failed" | "held" | "withdrawn" | "discarded";
                        subject: string | null;
                        to: string[];
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdDraftsIdDiscard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdExportsCustomersCsv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdExportsInvoicesCsv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdImportsKind: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: "customers" | "contacts" | "invoices" | "payments";
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    csv: string;
                    /** @default false */
                    dryRun?: boolean;
                    fileName?: string;
                    mapping: {
                        columns: {
                            [key: string]: string;
                        };
                        currency?: string;
                        /** @enum {string} */
                        dateFormat?: "YYYY-MM-DD" | "DD/MM/YYYY" | "MM/DD/YYYY" | "DD.MM.YYYY" | "DD-MM-YYYY" | "MM-DD-YYYY" | "YYYY/MM/DD" | "D MMM YYYY";
                        /** @enum {string} */
                        decimalSeparator?: "." | ",";
                    };
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        issues: {
                            column: string;
                            line: number;
                            /** @enum {string} */
                            outcome: "rejected" | "warning";
                            reason: string;
                            value: string;
                        }[];
                        issuesTruncated: boolean;
                        summary: {
                            created: number;
                            dryRun: boolean;
                            duplicates: number;
                            kind: string;
                            payments?: {
                                autoApplied: number;
                                forReview: number;
                            };
                            rejected: number;
                            rowsRead: number;
                            unchanged: number;
                            updated: number;
                            warnings: number;
                        };
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdImportsKindPreview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: "customers" | "contacts" | "invoices" | "payments";
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    csv: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        confidence: {
                            [key: string]: "exact" | "partial";
                        };
                        decimalSeparatorUncertain: boolean;
                        delimiter: string;
                        fields: {
                            heading: string;
                            help: string;
                            name: string;
                            required: boolean;
                            type: string;
                        }[];
                        headings: string[];
                        mapping: {
                            columns: {
                                [key: string]: string;
                            };
                            currency?: string;
                            /** @enum {string} */
                            dateFormat?: "YYYY-MM-DD" | "DD/MM/YYYY" | "MM/DD/YYYY" | "DD.MM.YYYY" | "DD-MM-YYYY" | "MM-DD-YYYY" | "YYYY/MM/DD" | "D MMM YYYY";
                            /** @enum {string} */
                            decimalSeparator?: "." | ",";
                        };
                        otherDateFormats: ("YYYY-MM-DD" | "DD/MM/YYYY" | "MM/DD/YYYY" | "DD.MM.YYYY" | "DD-MM-YYYY" | "MM-DD-YYYY" | "YYYY/MM/DD" | "D MMM YYYY")[];
                        sample: string[][];
                        unmapped: string[];
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdImportsKindTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: "customers" | "contacts" | "invoices" | "payments";
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdInvitations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            acceptedAt: string | null;
                            createdAt: string;
                            email: string;
                            expiresAt: string;
                            id: string;
                            revokedAt: string | null;
                            /** @enum {string} */
                            role: "controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer";
                        }[];
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdInvitations: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating the request with the same key and body answers the first answer instead of acting twice. */
                "Idempotency-Key"?: string;
            };
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    /** @enum {string} */
                    role: "controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer";
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        acceptedAt: string | null;
                        createdAt: string;
                        email: string;
                        emailed: boolean;
                        expiresAt: string;
                        id: string;
                        revokedAt: string | null;
                        /** @enum {string} */
                        role: "controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer";
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    deleteApiOrgsOrgIdInvitationsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdInvoices: {
        parameters: {
            query?: {
                cursor?: string;
                customerId?: string;
                limit?: number;
                status?: "open" | "closed";
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            amount: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            balance: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            customerId: string;
                            dueOn: string;
                            id: string;
                            issuedOn: string;
                            number: string;
                            /** @enum {string} */
                            status: "open" | "closed";
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdInvoicesInvoiceIdNudge: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating the request with the same key and body answers the first answer instead of acting twice. */
                "Idempotency-Key"?: string;
            };
            path: {
                invoiceId: string;
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note?: string;
                    template?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attempts: number;
                        bodyDroppedAt: string | null;
                        customerId: string;
                        decidedAt: string;
                        edited: boolean;
                        existing: boolean;
                        id: number;
                        invoiceIds: string[];
                        /** @enum {string} */
                        kind: "send" | "draft";
                        notBefore: string;
                        reason: string | null;
                        reviewedBy: string | null;
                        sentAt: string | null;
                        /** @enum {string} */
                        status: "draft" | "queued" | "sending" | "sent" | "failed" | "held" | "withdrawn" | "discarded";
                        subject: string | null;
                        template: string;
                        to: string[];
                        waitsFor: string[];
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdInvoicesInvoiceIdPayerLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invoiceId: string;
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        link: {
                            createdAt: string;
                            expiresAt: string | null;
                            lastUsedAt: string;
                            spentAt: string | null;
                            /** @enum {string} */
                            state: "live" | "expired" | "spent";
                            url: string;
                        } | null;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdInvoicesInvoiceIdPayerLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invoiceId: string;
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        revokedPrevious: boolean;
                        url: string;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdInvoicesInvoiceIdTimeline: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                invoiceId: string;
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contacts: {
                            email: string;
                            name: string | null;
                            primary: boolean;
                            suppressed: {
                                /** @enum {string} */
                                reason: "invalid" | "opted_out" | "legal_hold";
                                untilAt: string | null;
                            } | null;
                        }[];
                        disputes: {
                            description: string;
                            dueAt: string;
                            escalatedToLegal: boolean;
                            id: number;
                            openedAt: string;
                            openedBy: string;
                            owner: string | null;
                            reason: string;
                            reasonLabel: string;
                            /** @enum {string} */
                            sla: "open" | "at_risk" | "late" | "resolved";
                        }[];
                        entries: {
                            at: string;
                            by: string | null;
                            /** @enum {string} */
                            kind: "send" | "draft" | "held" | "skip" | "task" | "escalation" | "approved" | "edited" | "discarded" | "sent" | "failed" | "withdrawn" | "bounce" | "complaint" | "reply" | "auto_reply" | "inbound" | "payment" | "payment_reversed" | "credit" | "promise" | "plan" | "plan_cancelled" | "dispute" | "dispute_resolved" | "pause" | "note";
                            summary: string;
                        }[];
                        invoice: {
                            balance: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            customerId: string;
                            customerName: string;
                            dueOn: string;
                            id: string;
                            number: string;
                            /** @enum {string} */
                            status: "open" | "closed";
                        };
                        /** @description older entries exist beyond the limit */
                        more: boolean;
                        pause: {
                            endsAt: string;
                            /** @enum {string} */
                            scope: "invoice" | "customer";
                            since: string;
                            until: string;
                        } | null;
                        /** @description payment plans on the invoice, newest first */
                        plans: {
                            agreedAt: string;
                            approvalId: number | null;
                            endedAt: string | null;
                            installments: {
                                amount: {
                                    currency: string;
                                    formatted: string;
                                    minor: number;
                                };
                                /** @description the end of its grace: unpaid by then, the plan is broken */
                                dueBy: string;
                                on: string;
                                /**
                                 * @description cancelled: not paid, and no longer asked for because the plan ended first
                                 * @enum {string}
                                 */
                                state: "paid" | "due" | "missed" | "cancelled";
                            }[];
                            /** @description payments since the plan less the reversals since it, until it ended */
                            paid: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            /**
                             * @description active: being kept; or how it ended
                             * @enum {string}
                             */
                            status: "active" | "completed" | "broken" | "cancelled" | "replaced";
                            total: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                        }[];
                        promises: {
                            amount: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            madeAt: string;
                            on: string;
                            /** @enum {string} */
                            status: "open" | "kept" | "missed";
                        }[];
                        waiting: {
                            assignTo: string | null;
                            at: string;
                            /** @enum {string} */
                            kind: "task" | "escalation";
                            summary: string;
                        }[];
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            email: string;
                            joinedAt: string;
                            name: string;
                            /** @enum {string} */
                            role: "controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer";
                            userId: string;
                        }[];
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    deleteApiOrgsOrgIdMembersUserId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    patchApiOrgsOrgIdMembersUserId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    rationale?: string;
                    /** @enum {string} */
                    role: "controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer";
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        role: "controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer";
                        userId: string;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdNotes: {
        parameters: {
            query?: {
                customerId?: string;
                invoiceId?: string;
                limit?: number;
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            author: string;
                            body: string;
                            createdAt: string;
                            customerId: string;
                            id: number;
                            invoiceId: string | null;
                            mentions: string[];
                        }[];
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdNotes: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating the request with the same key and body answers the first answer instead of acting twice. */
                "Idempotency-Key"?: string;
            };
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    body: string;
                    customerId: string;
                    invoiceId?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        author: string;
                        body: string;
                        createdAt: string;
                        customerId: string;
                        id: number;
                        invoiceId: string | null;
                        mentions: string[];
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdOperations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checkedAt: string;
                        checks: {
                            detail: string;
                            /** @enum {string} */
                            name: "database" | "worker" | "mail" | "sending-domains" | "policies" | "outbox" | "maintenance" | "scheduled-jobs";
                            /** @enum {string} */
                            scope: "installation" | "organisation";
                            /** @enum {string} */
                            status: "pass" | "warn" | "fail";
                        }[];
                        jobs: {
                            lastError: string | null;
                            lastFinishedAt: string | null;
                            lastStartedAt: string | null;
                            lastStatus: ("ok" | "failed") | null;
                            /** @enum {string} */
                            name: "planning" | "sending" | "queue" | "inbound" | "deliverability" | "retention" | "webhooks";
                            nextRunAt: string | null;
                            paused: boolean;
                            pausedReason: string | null;
                            schedule: string;
                            /** @enum {string} */
                            state: "active" | "paused" | "held" | "failed";
                        }[];
                        maintenance: {
                            changedAt: string | null;
                            changedBy: string | null;
                            on: boolean;
                            reason: string | null;
                        };
                        outbox: {
                            draft: number;
                            failed: number;
                            held: number;
                            oldestDueAgeMs: number | null;
                            oldestDueAt: string | null;
                            queued: number;
                            sending: number;
                        };
                        /** @enum {string} */
                        status: "pass" | "warn" | "fail";
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdOperationsJobsNamePause: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        changed: boolean;
                        lastError: string | null;
                        lastFinishedAt: string | null;
                        lastStartedAt: string | null;
                        lastStatus: ("ok" | "failed") | null;
                        /** @enum {string} */
                        name: "planning" | "sending" | "queue" | "inbound" | "deliverability" | "retention" | "webhooks";
                        nextRunAt: string | null;
                        paused: boolean;
                        pausedReason: string | null;
                        schedule: string;
                        /** @enum {string} */
                        state: "active" | "paused" | "held" | "failed";
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdOperationsJobsNameResume: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        changed: boolean;
                        lastError: string | null;
                        lastFinishedAt: string | null;
                        lastStartedAt: string | null;
                        lastStatus: ("ok" | "failed") | null;
                        /** @enum {string} */
                        name: "planning" | "sending" | "queue" | "inbound" | "deliverability" | "retention" | "webhooks";
                        nextRunAt: string | null;
                        paused: boolean;
                        pausedReason: string | null;
                        schedule: string;
                        /** @enum {string} */
                        state: "active" | "paused" | "held" | "failed";
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdOperationsMaintenance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    on: boolean;
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        changed: boolean;
                        changedAt: string | null;
                        changedBy: string | null;
                        on: boolean;
                        reason: string | null;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdOutbox: {
        parameters: {
            query?: {
                cursor?: string;
                customerId?: string;
                limit?: number;
                status?: "draft" | "queued" | "sending" | "sent" | "failed" | "held" | "withdrawn" | "discarded";
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            attempts: number;
                            bodyDroppedAt: string | null;
                            customerId: string;
                            decidedAt: string;
                            edited: boolean;
                            id: number;
                            invoiceIds: string[];
                            /** @enum {string} */
                            kind: "send" | "draft";
                            notBefore: string;
                            reason: string | null;
                            reviewedBy: string | null;
                            sentAt: string | null;
                            /** @enum {string} */
                            status: "draft" | "queued" | "sending" | "sent" | "failed" | "held" | "withdrawn" | "discarded";
                            subject: string | null;
                            to: string[];
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdPauses: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating the request with the same key and body answers the first answer instead of acting twice. */
                "Idempotency-Key"?: string;
            };
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customerId?: string;
                    invoiceId?: string;
                    reason: string;
                    until: string;
                };
            };
        };
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdPaymentConnectors: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        endpoints: {
                            /** @enum {string} */
                            processor: "stripe" | "webhook";
                            webhookPath: string;
                            webhookUrl: string;
                        }[];
                        items: {
                            /** @description the newest delivery that verified with these keys */
                            lastDeliveryAt: string | null;
                            /** @enum {string} */
                            processor: "stripe" | "webhook";
                            secretKey: string | null;
                            setAt: string;
                            setBy: string;
                            /** @description the keys were encrypted under another PLIXO_SECRET and do not open: save them again */
                            unreadable: boolean;
                            webhookPath: string;
                            webhookSecret: string;
                            /** @description the whole address to give the processor: the public address of this Plixo and webhookPath */
                            webhookUrl: string;
                        }[];
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    putApiOrgsOrgIdPaymentConnectorsProcessor: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                processor: "stripe" | "webhook";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    secretKey?: string | null;
                    webhookSecret: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the newest delivery that verified with these keys */
                        lastDeliveryAt: string | null;
                        /** @enum {string} */
                        processor: "stripe" | "webhook";
                        secretKey: string | null;
                        setAt: string;
                        setBy: string;
                        /** @description the keys were encrypted under another PLIXO_SECRET and do not open: save them again */
                        unreadable: boolean;
                        webhookPath: string;
                        webhookSecret: string;
                        /** @description the whole address to give the processor: the public address of this Plixo and webhookPath */
                        webhookUrl: string;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    deleteApiOrgsOrgIdPaymentConnectorsProcessor: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                processor: "stripe" | "webhook";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdPaymentConnectorsProcessorCheck: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                processor: "stripe" | "webhook";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @enum {string} */
                            field: "secretKey" | "webhookSecret";
                            message: string;
                            /** @enum {string} */
                            outcome: "passed" | "failed" | "unknown";
                        }[];
                        lastDeliveryAt: string | null;
                        /** @description nothing failed */
                        ok: boolean;
                        /** @enum {string} */
                        processor: "stripe" | "webhook";
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdPayments: {
        parameters: {
            query?: {
                cursor?: string;
                customerId?: string;
                limit?: number;
                unapplied?: "true" | "false";
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            allocations: {
                                amount: {
                                    currency: string;
                                    formatted: string;
                                    minor: number;
                                };
                                at: string;
                                by: string;
                                confidencePercent: number | null;
                                id: number;
                                invoiceId: string;
                                note: string | null;
                                reversed: {
                                    currency: string;
                                    formatted: string;
                                    minor: number;
                                };
                            }[];
                            amount: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            customerId: string | null;
                            id: number;
                            memo: string | null;
                            payerName: string | null;
                            receivedAt: string;
                            recordedBy: string;
                            reversals: {
                                amount: {
                                    currency: string;
                                    formatted: string;
                                    minor: number;
                                };
                                at: string;
                                id: number;
                                note: string | null;
                                /** @enum {string} */
                                reason: "refund" | "chargeback";
                                reference: string;
                                reinstatedAt: string | null;
                            }[];
                            reversed: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            /** @enum {string} */
                            source: "stripe" | "api" | "webhook" | "csv" | "portal";
                            sourceId: string;
                            /** @enum {string} */
                            status: "unapplied" | "partially_applied" | "applied" | "reversed";
                            unapplied: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdPayments: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating the request with the same key and body answers the first answer instead of acting twice. */
                "Idempotency-Key"?: string;
            };
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    amount: string;
                    currency: string;
                    customerId?: string;
                    id: string;
                    invoices?: {
                        amount?: string;
                        invoiceId: string;
                    }[];
                    memo?: string;
                    payerName?: string;
                    /** Format: date-time */
                    receivedAt: string;
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allocations: {
                            amount: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            at: string;
                            by: string;
                            confidencePercent: number | null;
                            id: number;
                            invoiceId: string;
                            note: string | null;
                            reversed: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                        }[];
                        amount: {
                            currency: string;
                            formatted: string;
                            minor: number;
                        };
                        created: boolean;
                        customerId: string | null;
                        id: number;
                        memo: string | null;
                        payerName: string | null;
                        receivedAt: string;
                        recordedBy: string;
                        reversals: {
                            amount: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            at: string;
                            id: number;
                            note: string | null;
                            /** @enum {string} */
                            reason: "refund" | "chargeback";
                            reference: string;
                            reinstatedAt: string | null;
                        }[];
                        reversed: {
                            currency: string;
                            formatted: string;
                            minor: number;
                        };
                        /** @enum {string} */
                        source: "stripe" | "api" | "webhook" | "csv" | "portal";
                        sourceId: string;
                        /** @enum {string} */
                        status: "unapplied" | "partially_applied" | "applied" | "reversed";
                        unapplied: {
                            currency: string;
                            formatted: string;
                            minor: number;
                        };
                        unappliedReason: string | null;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdPaymentsPaymentId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                paymentId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allocations: {
                            amount: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            at: string;
                            by: string;
                            confidencePercent: number | null;
                            id: number;
                            invoiceId: string;
                            note: string | null;
                            reversed: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                        }[];
                        amount: {
                            currency: string;
                            formatted: string;
                            minor: number;
                        };
                        customerId: string | null;
                        id: number;
                        memo: string | null;
                        payerName: string | null;
                        receivedAt: string;
                        recordedBy: string;
                        reversals: {
                            amount: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            at: string;
                            id: number;
                            note: string | null;
                            /** @enum {string} */
                            reason: "refund" | "chargeback";
                            reference: string;
                            reinstatedAt: string | null;
                        }[];
                        reversed: {
                            currency: string;
                            formatted: string;
                            minor: number;
                        };
                        /** @enum {string} */
                        source: "stripe" | "api" | "webhook" | "csv" | "portal";
                        sourceId: string;
                        /** @enum {string} */
                        status: "unapplied" | "partially_applied" | "applied" | "reversed";
                        unapplied: {
                            currency: string;
                            formatted: string;
                            minor: number;
                        };
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdPaymentsPaymentIdAllocations: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating the request with the same key and body answers the first answer instead of acting twice. */
                "Idempotency-Key"?: string;
            };
            path: {
                orgId: string;
                paymentId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    allocations: {
                        amount: string;
                        invoiceId: string;
                    }[];
                    note?: string;
                    shortPays?: {
                        attachment?: {
                            contentBase64: string;
                            filename: string;
                        };
                        contact?: string;
                        description?: string;
                        invoiceId: string;
                        on?: string;
                        reason?: string;
                        /** @enum {string} */
                        resolution: "write_off" | "promise" | "dispute" | "leave_open";
                    }[];
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allocations: {
                            amount: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            at: string;
                            by: string;
                            confidencePercent: number | null;
                            id: number;
                            invoiceId: string;
                            note: string | null;
                            reversed: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                        }[];
                        amount: {
                            currency: string;
                            formatted: string;
                            minor: number;
                        };
                        customerId: string | null;
                        id: number;
                        memo: string | null;
                        payerName: string | null;
                        receivedAt: string;
                        recordedBy: string;
                        reversals: {
                            amount: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            at: string;
                            id: number;
                            note: string | null;
                            /** @enum {string} */
                            reason: "refund" | "chargeback";
                            reference: string;
                            reinstatedAt: string | null;
                        }[];
                        reversed: {
                            currency: string;
                            formatted: string;
                            minor: number;
                        };
                        shortPays: {
                            approval: {
                                awaiting: ("controller" | "ar_manager" | "operator" | "legal" | "billing_admin" | "sales" | "csm" | "viewer")[];
                                explanation: string;
                                id: number;
                                /** @enum {string} */
                                status: "pending" | "info_requested" | "approved" | "rejected" | "expired" | "withdrawn";
                            } | null;
                            disputeId: number | null;
                            invoiceId: string;
                            invoiceNumber: string;
                            promisedOn: string | null;
                            remainder: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            /** @enum {string} */
                            resolution: "write_off" | "promise" | "dispute" | "leave_open";
                        }[];
                        /** @enum {string} */
                        source: "stripe" | "api" | "webhook" | "csv" | "portal";
                        sourceId: string;
                        /** @enum {string} */
                        status: "unapplied" | "partially_applied" | "applied" | "reversed";
                        unapplied: {
                            currency: string;
                            formatted: string;
                            minor: number;
                        };
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdPaymentsPaymentIdRemittances: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                paymentId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            accepted: {
                                lines: {
                                    allocationId: number;
                                    amount: {
                                        currency: string;
                                        formatted: string;
                                        minor: number;
                                    };
                                    invoiceId: string;
                                    invoiceNumber: string;
                                    number: number;
                                }[];
                                note: string | null;
                            } | null;
                            acceptedAt: string | null;
                            acceptedBy: string | null;
                            columns: {
                                [key: string]: string;
                            };
                            contentType: string;
                            /** @enum {string} */
                            decimalSeparator: "." | ",";
                            decimalSeparatorUncertain: boolean;
                            fileName: string;
                            /** @enum {string} */
                            format: "csv" | "pdf" | "text";
                            id: number;
                            issues: {
                                field: string;
                                line: number;
                                /** @enum {string} */
                                outcome: "skipped" | "warning";
                                page: number | null;
                                reason: string;
                                value: string;
                            }[];
                            lines: {
                                candidates: {
                                    invoiceId: string;
                                    number: string;
                                }[];
                                confidence: number;
                                currency: string | null;
                                deduction: {
                                    currency: string;
                                    formatted: string;
                                    minor: number;
                                };
                                discount: {
                                    currency: string;
                                    formatted: string;
                                    minor: number;
                                };
                                invoice: {
                                    customerId: string;
                                    customerName: string;
                                    id: string;
                                    number: string;
                                    open: {
                                        currency: string;
                                        formatted: string;
                                        minor: number;
                                    };
                                } | null;
                                invoiceAmount: {
                                    currency: string;
                                    formatted: string;
                                    minor: number;
                                } | null;
                                line: number;
                                match: ("exact" | "normalised" | "typo") | null;
                                number: number;
                                page: number | null;
                                paid: {
                                    currency: string;
                                    formatted: string;
                                    minor: number;
                                };
                                problems: {
                                    /** @enum {string} */
                                    code: "unknown_invoice" | "already_paid" | "above_open_balance" | "currency_mismatch" | "ambiguous" | "other_customer" | "unconfirmed_typo" | "credit_line" | "nothing_paid" | "repeated_invoice" | "exceeds_payment";
                                    text: string;
                                }[];
                                proposed: {
                                    currency: string;
                                    formatted: string;
                                    minor: number;
                                };
                                reason: string | null;
                                reasons: string[];
                                reference: string;
                                selected: boolean;
                            }[];
                            paymentId: number;
                            problems: {
                                /** @enum {string} */
                                code: "total_mismatch" | "payment_mismatch" | "nothing_to_apply";
                                text: string;
                            }[];
                            sizeBytes: number;
                            /** @enum {string} */
                            status: "proposed" | "accepted";
                            totals: {
                                lines: {
                                    currency: string;
                                    formatted: string;
                                    minor: number;
                                };
                                proposed: {
                                    currency: string;
                                    formatted: string;
                                    minor: number;
                                };
                                stated: {
                                    currency: string;
                                    formatted: string;
                                    minor: number;
                                } | null;
                                unapplied: {
                                    currency: string;
                                    formatted: string;
                                    minor: number;
                                };
                            };
                            uploadedAt: string;
                            uploadedBy: string;
                        }[];
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdPaymentsPaymentIdRemittances: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating the request with the same key and body answers the first answer instead of acting twice. */
                "Idempotency-Key"?: string;
            };
            path: {
                orgId: string;
                paymentId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    contentBase64: string;
                    fileName: string;
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: {
                            lines: {
                                allocationId: number;
                                amount: {
                                    currency: string;
                                    formatted: string;
                                    minor: number;
                                };
                                invoiceId: string;
                                invoiceNumber: string;
                                number: number;
                            }[];
                            note: string | null;
                        } | null;
                        acceptedAt: string | null;
                        acceptedBy: string | null;
                        columns: {
                            [key: string]: string;
                        };
                        contentType: string;
                        /** @enum {string} */
                        decimalSeparator: "." | ",";
                        decimalSeparatorUncertain: boolean;
                        fileName: string;
                        /** @enum {string} */
                        format: "csv" | "pdf" | "text";
                        id: number;
                        issues: {
                            field: string;
                            line: number;
                            /** @enum {string} */
                            outcome: "skipped" | "warning";
                            page: number | null;
                            reason: string;
                            value: string;
                        }[];
                        lines: {
                            candidates: {
                                invoiceId: string;
                                number: string;
                            }[];
                            confidence: number;
                            currency: string | null;
                            deduction: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            discount: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            invoice: {
                                customerId: string;
                                customerName: string;
                                id: string;
                                number: string;
                                open: {
                                    currency: string;
                                    formatted: string;
                                    minor: number;
                                };
                            } | null;
                            invoiceAmount: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            } | null;
                            line: number;
                            match: ("exact" | "normalised" | "typo") | null;
                            number: number;
                            page: number | null;
                            paid: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            problems: {
                                /** @enum {string} */
                                code: "unknown_invoice" | "already_paid" | "above_open_balance" | "currency_mismatch" | "ambiguous" | "other_customer" | "unconfirmed_typo" | "credit_line" | "nothing_paid" | "repeated_invoice" | "exceeds_payment";
                                text: string;
                            }[];
                            proposed: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            reason: string | null;
                            reasons: string[];
                            reference: string;
                            selected: boolean;
                        }[];
                        paymentId: number;
                        problems: {
                            /** @enum {string} */
                            code: "total_mismatch" | "payment_mismatch" | "nothing_to_apply";
                            text: string;
                        }[];
                        sizeBytes: number;
                        /** @enum {string} */
                        status: "proposed" | "accepted";
                        totals: {
                            lines: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            proposed: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            stated: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            } | null;
                            unapplied: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                        };
                        uploadedAt: string;
                        uploadedBy: string;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdPaymentsPaymentIdRemittancesRemittanceId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                paymentId: number;
                remittanceId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: {
                            lines: {
                                allocationId: number;
                                amount: {
                                    currency: string;
                                    formatted: string;
                                    minor: number;
                                };
                                invoiceId: string;
                                invoiceNumber: string;
                                number: number;
                            }[];
                            note: string | null;
                        } | null;
                        acceptedAt: string | null;
                        acceptedBy: string | null;
                        columns: {
                            [key: string]: string;
                        };
                        contentType: string;
                        /** @enum {string} */
                        decimalSeparator: "." | ",";
                        decimalSeparatorUncertain: boolean;
                        fileName: string;
                        /** @enum {string} */
                        format: "csv" | "pdf" | "text";
                        id: number;
                        issues: {
                            field: string;
                            line: number;
                            /** @enum {string} */
                            outcome: "skipped" | "warning";
                            page: number | null;
                            reason: string;
                            value: string;
                        }[];
                        lines: {
                            candidates: {
                                invoiceId: string;
                                number: string;
                            }[];
                            confidence: number;
                            currency: string | null;
                            deduction: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            discount: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            invoice: {
                                customerId: string;
                                customerName: string;
                                id: string;
                                number: string;
                                open: {
                                    currency: string;
                                    formatted: string;
                                    minor: number;
                                };
                            } | null;
                            invoiceAmount: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            } | null;
                            line: number;
                            match: ("exact" | "normalised" | "typo") | null;
                            number: number;
                            page: number | null;
                            paid: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            problems: {
                                /** @enum {string} */
                                code: "unknown_invoice" | "already_paid" | "above_open_balance" | "currency_mismatch" | "ambiguous" | "other_customer" | "unconfirmed_typo" | "credit_line" | "nothing_paid" | "repeated_invoice" | "exceeds_payment";
                                text: string;
                            }[];
                            proposed: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            reason: string | null;
                            reasons: string[];
                            reference: string;
                            selected: boolean;
                        }[];
                        paymentId: number;
                        problems: {
                            /** @enum {string} */
                            code: "total_mismatch" | "payment_mismatch" | "nothing_to_apply";
                            text: string;
                        }[];
                        sizeBytes: number;
                        /** @enum {string} */
                        status: "proposed" | "accepted";
                        totals: {
                            lines: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            proposed: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            stated: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            } | null;
                            unapplied: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                        };
                        uploadedAt: string;
                        uploadedBy: string;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdPaymentsPaymentIdRemittancesRemittanceIdAccept: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating the request with the same key and body answers the first answer instead of acting twice. */
                "Idempotency-Key"?: string;
            };
            path: {
                orgId: string;
                paymentId: number;
                remittanceId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    lines?: {
                        amount?: string;
                        number: number;
                    }[];
                    note?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: {
                            lines: {
                                allocationId: number;
                                amount: {
                                    currency: string;
                                    formatted: string;
                                    minor: number;
                                };
                                invoiceId: string;
                                invoiceNumber: string;
                                number: number;
                            }[];
                            note: string | null;
                        } | null;
                        acceptedAt: string | null;
                        acceptedBy: string | null;
                        columns: {
                            [key: string]: string;
                        };
                        contentType: string;
                        /** @enum {string} */
                        decimalSeparator: "." | ",";
                        decimalSeparatorUncertain: boolean;
                        fileName: string;
                        /** @enum {string} */
                        format: "csv" | "pdf" | "text";
                        id: number;
                        issues: {
                            field: string;
                            line: number;
                            /** @enum {string} */
                            outcome: "skipped" | "warning";
                            page: number | null;
                            reason: string;
                            value: string;
                        }[];
                        lines: {
                            candidates: {
                                invoiceId: string;
                                number: string;
                            }[];
                            confidence: number;
                            currency: string | null;
                            deduction: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            discount: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            invoice: {
                                customerId: string;
                                customerName: string;
                                id: string;
                                number: string;
                                open: {
                                    currency: string;
                                    formatted: string;
                                    minor: number;
                                };
                            } | null;
                            invoiceAmount: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            } | null;
                            line: number;
                            match: ("exact" | "normalised" | "typo") | null;
                            number: number;
                            page: number | null;
                            paid: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            problems: {
                                /** @enum {string} */
                                code: "unknown_invoice" | "already_paid" | "above_open_balance" | "currency_mismatch" | "ambiguous" | "other_customer" | "unconfirmed_typo" | "credit_line" | "nothing_paid" | "repeated_invoice" | "exceeds_payment";
                                text: string;
                            }[];
                            proposed: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            reason: string | null;
                            reasons: string[];
                            reference: string;
                            selected: boolean;
                        }[];
                        payment: {
                            id: number;
                            status: string;
                            unapplied: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                        };
                        paymentId: number;
                        problems: {
                            /** @enum {string} */
                            code: "total_mismatch" | "payment_mismatch" | "nothing_to_apply";
                            text: string;
                        }[];
                        sizeBytes: number;
                        /** @enum {string} */
                        status: "proposed" | "accepted";
                        totals: {
                            lines: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            proposed: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            stated: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            } | null;
                            unapplied: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                        };
                        uploadedAt: string;
                        uploadedBy: string;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdPaymentsPaymentIdRemittancesRemittanceIdFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                paymentId: number;
                remittanceId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdPaymentsPaymentIdReversals: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                paymentId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    amount: string;
                    note?: string;
                    /** @enum {string} */
                    reason: "refund" | "chargeback";
                    reference: string;
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allocations: {
                            amount: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            at: string;
                            by: string;
                            confidencePercent: number | null;
                            id: number;
                            invoiceId: string;
                            note: string | null;
                            reversed: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                        }[];
                        amount: {
                            currency: string;
                            formatted: string;
                            minor: number;
                        };
                        customerId: string | null;
                        id: number;
                        memo: string | null;
                        payerName: string | null;
                        receivedAt: string;
                        recordedBy: string;
                        reversals: {
                            amount: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            at: string;
                            id: number;
                            note: string | null;
                            /** @enum {string} */
                            reason: "refund" | "chargeback";
                            reference: string;
                            reinstatedAt: string | null;
                        }[];
                        reversed: {
                            currency: string;
                            formatted: string;
                            minor: number;
                        };
                        /** @enum {string} */
                        source: "stripe" | "api" | "webhook" | "csv" | "portal";
                        sourceId: string;
                        /** @enum {string} */
                        status: "unapplied" | "partially_applied" | "applied" | "reversed";
                        unapplied: {
                            currency: string;
                            formatted: string;
                            minor: number;
                        };
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdPlanCancellations: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating the request with the same key and body answers the first answer instead of acting twice. */
                "Idempotency-Key"?: string;
            };
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    invoiceId: string;
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        problem: string | null;
                        segments: {
                            cadence: string;
                            /** @enum {string} */
                            mode: "shadow" | "autopilot";
                            priority: number;
                            segment: string;
                            version: number;
                        }[];
                        state: {
                            liveVersion: number | null;
                            revision: number;
                            segmentVersions: {
                                segment: string;
                                version: number;
                            }[];
                        };
                        versions: {
                            basedOn: number | null;
                            createdAt: string;
                            createdBy: string | null;
                            live: boolean;
                            note: string | null;
                            publishedAt: string | null;
                            publishedBy: string | null;
                            revision: number;
                            segments: string[];
                            /** @enum {string} */
                            status: "draft" | "published";
                            version: number;
                        }[];
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdPolicyDiff: {
        parameters: {
            query: {
                from: number;
                to: number;
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        files: {
                            added: number;
                            /** @enum {string} */
                            change: "added" | "removed" | "changed";
                            patch: string;
                            path: string;
                            removed: number;
                        }[];
                        from: string;
                        to: string;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdPolicyDiff: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    against?: number;
                    files: {
                        path: string;
                        text: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        files: {
                            added: number;
                            /** @enum {string} */
                            change: "added" | "removed" | "changed";
                            patch: string;
                            path: string;
                            removed: number;
                        }[];
                        from: string;
                        to: string;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdPolicyLint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    files: {
                        path: string;
                        text: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        issues: {
                            code: string;
                            column: number;
                            file: string;
                            line: number;
                            message: string;
                            /** @enum {string} */
                            severity: "error" | "warning";
                        }[];
                        mergeTags: string[];
                        segmentFields: {
                            /** @enum {string} */
                            field: "customer.id" | "customer.name" | "customer.tags" | "customer.region" | "customer.industry" | "customer.score" | "customer.tier" | "invoice.currency" | "invoice.amount" | "invoice.balance" | "invoice.daysPastDue";
                            operators: string[];
                            /** @enum {string} */
                            type: "number" | "text" | "list";
                        }[];
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdPolicyTemplatePreview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    files: {
                        path: string;
                        text: string;
                    }[];
                    invoiceId?: string;
                    template: string;
                    /**
                     * @default neutral
                     * @enum {string}
                     */
                    tone?: "formal" | "neutral" | "confident";
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attachments: {
                            bytes: number;
                            contentType: string;
                            filename: string;
                        }[];
                        customerName: string;
                        html: string;
                        invoiceId: string;
                        invoiceNumber: string;
                        subject: string;
                        text: string;
                        to: string[];
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdPolicyTemplateTest: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating the request with the same key and body answers the first answer instead of acting twice. */
                "Idempotency-Key"?: string;
            };
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    files: {
                        path: string;
                        text: string;
                    }[];
                    invoiceId?: string;
                    template: string;
                    /**
                     * @default neutral
                     * @enum {string}
                     */
                    tone?: "formal" | "neutral" | "confident";
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attachments: {
                            bytes: number;
                            contentType: string;
                            filename: string;
                        }[];
                        customerName: string;
                        html: string;
                        invoiceId: string;
                        invoiceNumber: string;
                        sentTo: string;
                        subject: string;
                        text: string;
                        to: string[];
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdPolicyVersions: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating the request with the same key and body answers the first answer instead of acting twice. */
                "Idempotency-Key"?: string;
            };
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    basedOn?: number;
                    files?: {
                        path: string;
                        text: string;
                    }[];
                    note?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        basedOn: number | null;
                        createdAt: string;
                        createdBy: string | null;
                        files: {
                            path: string;
                            text: string;
                        }[];
                        issues: {
                            code: string;
                            column: number;
                            file: string;
                            line: number;
                            message: string;
                            /** @enum {string} */
                            severity: "error" | "warning";
                        }[];
                        live: boolean;
                        note: string | null;
                        publishedAt: string | null;
                        publishedBy: string | null;
                        revision: number;
                        segments: string[];
                        /** @enum {string} */
                        status: "draft" | "published";
                        version: number;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdPolicyVersionsVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        basedOn: number | null;
                        createdAt: string;
                        createdBy: string | null;
                        files: {
                            path: string;
                            text: string;
                        }[];
                        issues: {
                            code: string;
                            column: number;
                            file: string;
                            line: number;
                            message: string;
                            /** @enum {string} */
                            severity: "error" | "warning";
                        }[];
                        live: boolean;
                        note: string | null;
                        publishedAt: string | null;
                        publishedBy: string | null;
                        revision: number;
                        segments: string[];
                        /** @enum {string} */
                        status: "draft" | "published";
                        version: number;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    putApiOrgsOrgIdPolicyVersionsVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    files: {
                        path: string;
                        text: string;
                    }[];
                    note?: string;
                    revision: number;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        basedOn: number | null;
                        createdAt: string;
                        createdBy: string | null;
                        files: {
                            path: string;
                            text: string;
                        }[];
                        issues: {
                            code: string;
                            column: number;
                            file: string;
                            line: number;
                            message: string;
                            /** @enum {string} */
                            severity: "error" | "warning";
                        }[];
                        live: boolean;
                        note: string | null;
                        publishedAt: string | null;
                        publishedBy: string | null;
                        revision: number;
                        segments: string[];
                        /** @enum {string} */
                        status: "draft" | "published";
                        version: number;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdPolicyVersionsVersionPreview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    horizonDays?: number;
                    sampleSize?: number;
                    segments: "all" | string[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        blockers: string[];
                        bySegment: {
                            changed: number;
                            considered: number;
                            segment: string;
                        }[];
                        changed: number;
                        considered: number;
                        expectedDraftRevision: number | null;
                        expectedRevision: number;
                        horizon: {
                            from: string;
                            to: string;
                        };
                        sample: {
                            after: {
                                next: {
                                    at: string;
                                    reason: string | null;
                                    step: string | null;
                                    template: string | null;
                                    type: string;
                                } | null;
                                segment: string | null;
                                version: number | null;
                            };
                            before: {
                                next: {
                                    at: string;
                                    reason: string | null;
                                    step: string | null;
                                    template: string | null;
                                    type: string;
                                } | null;
                                segment: string | null;
                                version: number | null;
                            };
                            customerId: string;
                            invoiceId: string;
                            invoiceNumber: string;
                        }[];
                        segments: "all" | string[];
                        version: number;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdPolicyVersionsVersionPublish: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating the request with the same key and body answers the first answer instead of acting twice. */
                "Idempotency-Key"?: string;
            };
            path: {
                orgId: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    expectedDraftRevision?: number;
                    expectedRevision: number;
                    note?: string;
                    segments: "all" | string[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind: "publish" | "rollback";
                        state: {
                            liveVersion: number | null;
                            revision: number;
                            segmentVersions: {
                                segment: string;
                                version: number;
                            }[];
                        };
                        version: {
                            basedOn: number | null;
                            createdAt: string;
                            createdBy: string | null;
                            live: boolean;
                            note: string | null;
                            publishedAt: string | null;
                            publishedBy: string | null;
                            revision: number;
                            segments: string[];
                            /** @enum {string} */
                            status: "draft" | "published";
                            version: number;
                        };
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdPortalSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        paymentUrlTemplate: string | null;
                        updatedAt: string | null;
                        updatedBy: string | null;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    putApiOrgsOrgIdPortalSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    paymentUrlTemplate: string | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        paymentUrlTemplate: string | null;
                        updatedAt: string | null;
                        updatedBy: string | null;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdPortalSettingsPreview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    paymentUrlTemplate: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invoice: {
                            amount: string;
                            currency: string;
                            number: string;
                            /** @description made up: the organisation has no open invoice */
                            sample: boolean;
                        };
                        url: string;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdPromises: {
        parameters: {
            query?: {
                customerId?: string;
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            amount: string;
                            currency: string;
                            invoiceId: string;
                            madeAt: string;
                            on: string;
                            /** @enum {string} */
                            status: "open" | "kept" | "missed";
                        }[];
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdPromises: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating the request with the same key and body answers the first answer instead of acting twice. */
                "Idempotency-Key"?: string;
            };
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    amount: string;
                    contact?: string;
                    invoiceId: string;
                    on: string;
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        amount: string;
                        currency: string;
                        invoiceId: string;
                        madeAt: string;
                        on: string;
                        /** @enum {string} */
                        status: "open" | "kept" | "missed";
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdQueue: {
        parameters: {
            query?: {
                cursor?: string;
                customerId?: string;
                limit?: number;
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            balance: {
                                currency: string;
                                value: string;
                            };
                            customerId: string;
                            customerName: string;
                            daysPastDue: number;
                            focus: boolean;
                            invoiceId: string;
                            invoiceNumber: string;
                            next: {
                                at: string;
                                moves: string[];
                                plannedAt: string | null;
                                reason: string | null;
                                segment: string | null;
                                step: string | null;
                                type: string;
                            } | null;
                            rank: number;
                            reasons: {
                                code: string;
                                points: number;
                                text: string;
                            }[];
                            score: number;
                        }[];
                        nextCursor: string | null;
                        refreshedAt: string | null;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdSegments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            autopilotBlockers: string[];
                            cadence: string;
                            /** @enum {string} */
                            fileMode: "shadow" | "autopilot";
                            health: {
                                bounced: number;
                                bounceRate: number | null;
                                coverage: number | null;
                                openDisputes: number;
                                openInvoices: number;
                                payments: number;
                                promiseAdherence: number | null;
                                promisesKept: number;
                                promisesMissed: number;
                                reachableInvoices: number;
                                reversalRate: number | null;
                                reversals: number;
                                sent: number;
                            };
                            /** @enum {string} */
                            mode: "shadow" | "autopilot";
                            priority: number;
                            publishBlocker: string | null;
                            segment: string;
                            switchedAt: string | null;
                            switchedBy: string | null;
                            switchReason: string | null;
                            version: number;
                        }[];
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdSegmentsSegmentMode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
                segment: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    mode: "shadow" | "autopilot";
                    /** @default false */
                    override?: boolean;
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        autopilotBlockers: string[];
                        cadence: string;
                        /** @enum {string} */
                        fileMode: "shadow" | "autopilot";
                        health: {
                            bounced: number;
                            bounceRate: number | null;
                            coverage: number | null;
                            openDisputes: number;
                            openInvoices: number;
                            payments: number;
                            promiseAdherence: number | null;
                            promisesKept: number;
                            promisesMissed: number;
                            reachableInvoices: number;
                            reversalRate: number | null;
                            reversals: number;
                            sent: number;
                        };
                        /** @enum {string} */
                        mode: "shadow" | "autopilot";
                        priority: number;
                        publishBlocker: string | null;
                        segment: string;
                        switchedAt: string | null;
                        switchedBy: string | null;
                        switchReason: string | null;
                        version: number;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdSegmentsPreview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    files: {
                        path: string;
                        text: string;
                    }[];
                    /** @default 20 */
                    limit?: number;
                    segment: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        governed: number;
                        invoices: {
                            balance: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            customerId: string;
                            customerName: string;
                            daysPastDue: number;
                            dueOn: string;
                            id: string;
                            number: string;
                        }[];
                        matched: number;
                        openInvoices: number;
                        overlaps: {
                            invoices: number;
                            segments: string[];
                            winner: string;
                        }[];
                        position: number;
                        priority: number;
                        segment: string;
                        unmatched: number;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdSendingDomains: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            dns: {
                                dkim: {
                                    message: string | null;
                                    result: ("pass" | "warn" | "fail") | null;
                                };
                                dmarc: {
                                    message: string | null;
                                    result: ("pass" | "warn" | "fail") | null;
                                };
                                spf: {
                                    message: string | null;
                                    result: ("pass" | "warn" | "fail") | null;
                                };
                            };
                            domain: string;
                            health: {
                                bounceRate: number;
                                bounces: number;
                                complaintRate: number;
                                complaints: number;
                                /** @enum {string} */
                                level: "ok" | "warn" | "pause";
                                sends: number;
                            };
                            inPolicy: boolean;
                            lastCheckedAt: string | null;
                            paused: boolean;
                            pausedAt: string | null;
                            pausedReason: string | null;
                            status: ("pass" | "warn" | "fail") | null;
                            warmup: {
                                allowanceToday: number | null;
                                day: number;
                                rampDays: number;
                                sentToday: number;
                                startOn: string;
                                todayOn: string;
                            } | null;
                        }[];
                        thresholds: {
                            bounceRateTarget: number;
                            complaintRateTarget: number;
                            pauseAfterBounces: number;
                            window: number;
                        };
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdSendingDomainsDomainPause: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domain: string;
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        changed: boolean;
                        dns: {
                            dkim: {
                                message: string | null;
                                result: ("pass" | "warn" | "fail") | null;
                            };
                            dmarc: {
                                message: string | null;
                                result: ("pass" | "warn" | "fail") | null;
                            };
                            spf: {
                                message: string | null;
                                result: ("pass" | "warn" | "fail") | null;
                            };
                        };
                        domain: string;
                        health: {
                            bounceRate: number;
                            bounces: number;
                            complaintRate: number;
                            complaints: number;
                            /** @enum {string} */
                            level: "ok" | "warn" | "pause";
                            sends: number;
                        };
                        inPolicy: boolean;
                        lastCheckedAt: string | null;
                        paused: boolean;
                        pausedAt: string | null;
                        pausedReason: string | null;
                        status: ("pass" | "warn" | "fail") | null;
                        warmup: {
                            allowanceToday: number | null;
                            day: number;
                            rampDays: number;
                            sentToday: number;
                            startOn: string;
                            todayOn: string;
                        } | null;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdSendingDomainsDomainResume: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domain: string;
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        changed: boolean;
                        dns: {
                            dkim: {
                                message: string | null;
                                result: ("pass" | "warn" | "fail") | null;
                            };
                            dmarc: {
                                message: string | null;
                                result: ("pass" | "warn" | "fail") | null;
                            };
                            spf: {
                                message: string | null;
                                result: ("pass" | "warn" | "fail") | null;
                            };
                        };
                        domain: string;
                        health: {
                            bounceRate: number;
                            bounces: number;
                            complaintRate: number;
                            complaints: number;
                            /** @enum {string} */
                            level: "ok" | "warn" | "pause";
                            sends: number;
                        };
                        inPolicy: boolean;
                        lastCheckedAt: string | null;
                        paused: boolean;
                        pausedAt: string | null;
                        pausedReason: string | null;
                        status: ("pass" | "warn" | "fail") | null;
                        warmup: {
                            allowanceToday: number | null;
                            day: number;
                            rampDays: number;
                            sentToday: number;
                            startOn: string;
                            todayOn: string;
                        } | null;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdSimulate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customerId?: string;
                    from: string;
                    segment?: string;
                    to: string;
                    version?: number;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        actions: {
                            assignTo: string | null;
                            at: string;
                            customer: string;
                            invoices: string[];
                            moves: string[];
                            plannedAt: string | null;
                            reason: string | null;
                            segment: string | null;
                            steps: {
                                cadence: string;
                                invoice: string;
                                step: string;
                            }[];
                            template: string | null;
                            tone: string | null;
                            type: string;
                        }[];
                        truncated: boolean;
                        version: number | null;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdSuppressions: {
        parameters: {
            query?: {
                active?: "true" | "false";
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            createdAt: string;
                            email: string;
                            note: string | null;
                            /** @enum {string} */
                            reason: "invalid" | "opted_out" | "legal_hold";
                            untilAt: string | null;
                        }[];
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdSuppressions: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating the request with the same key and body answers the first answer instead of acting twice. */
                "Idempotency-Key"?: string;
            };
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    note?: string;
                    /** @enum {string} */
                    reason: "invalid" | "opted_out" | "legal_hold";
                    /** Format: date-time */
                    until?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        createdAt: string;
                        email: string;
                        note: string | null;
                        /** @enum {string} */
                        reason: "invalid" | "opted_out" | "legal_hold";
                        untilAt: string | null;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    deleteApiOrgsOrgIdSuppressionsEmail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                email: string;
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    postApiOrgsOrgIdSuppressionsImport: {
        parameters: {
            query?: never;
            header?: {
                /** @description Repeating the request with the same key and body answers the first answer instead of acting twice. */
                "Idempotency-Key"?: string;
            };
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    csv: string;
                    /** @default false */
                    dryRun?: boolean;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        added: number;
                        alreadySuppressed: number;
                        imported: boolean;
                        issues: {
                            /** @enum {string} */
                            field: "email" | "reason" | "note" | "until" | "line";
                            line: number;
                            message: string;
                        }[];
                        rows: {
                            alreadySuppressed: boolean;
                            email: string;
                            line: number;
                            note: string | null;
                            /** @enum {string} */
                            reason: "invalid" | "opted_out" | "legal_hold";
                            untilAt: string | null;
                        }[];
                        toAdd: number;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdSuppressionsSearch: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                search?: string;
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            createdAt: string;
                            email: string;
                            note: string | null;
                            /** @enum {string} */
                            reason: "invalid" | "opted_out" | "legal_hold";
                            untilAt: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdUnappliedCash: {
        parameters: {
            query?: {
                amount?: string;
                currency?: string;
                cursor?: string;
                limit?: number;
                maxAmount?: string;
                minAmount?: string;
                q?: string;
                receivedFrom?: string;
                receivedTo?: string;
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        currencies: string[];
                        items: {
                            allocations: {
                                amount: {
                                    currency: string;
                                    formatted: string;
                                    minor: number;
                                };
                                at: string;
                                by: string;
                                confidencePercent: number | null;
                                id: number;
                                invoiceId: string;
                                note: string | null;
                                reversed: {
                                    currency: string;
                                    formatted: string;
                                    minor: number;
                                };
                            }[];
                            amount: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            customerId: string | null;
                            id: number;
                            memo: string | null;
                            nothingFound: string | null;
                            payerName: string | null;
                            receivedAt: string;
                            recordedBy: string;
                            reversals: {
                                amount: {
                                    currency: string;
                                    formatted: string;
                                    minor: number;
                                };
                                at: string;
                                id: number;
                                note: string | null;
                                /** @enum {string} */
                                reason: "refund" | "chargeback";
                                reference: string;
                                reinstatedAt: string | null;
                            }[];
                            reversed: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            /** @enum {string} */
                            source: "stripe" | "api" | "webhook" | "csv" | "portal";
                            sourceId: string;
                            /** @enum {string} */
                            status: "unapplied" | "partially_applied" | "applied" | "reversed";
                            suggestions: {
                                blockers: {
                                    code: string;
                                    text: string;
                                }[];
                                confidence: number;
                                lines: {
                                    amount: {
                                        currency: string;
                                        formatted: string;
                                        minor: number;
                                    };
                                    customerId: string;
                                    customerName: string;
                                    dueOn: string;
                                    invoiceId: string;
                                    invoiceNumber: string;
                                    open: {
                                        currency: string;
                                        formatted: string;
                                        minor: number;
                                    };
                                }[];
                                reasons: {
                                    code: string;
                                    points: number;
                                    text: string;
                                }[];
                                short: {
                                    currency: string;
                                    formatted: string;
                                    minor: number;
                                };
                                unapplied: {
                                    currency: string;
                                    formatted: string;
                                    minor: number;
                                };
                            }[];
                            unapplied: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
    getApiOrgsOrgIdUnappliedCashInvoices: {
        parameters: {
            query?: {
                amount?: string;
                currency?: string;
                cursor?: string;
                customerId?: string;
                limit?: number;
                q?: string;
            };
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            amount: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                            customerId: string;
                            customerName: string;
                            dueOn: string;
                            id: string;
                            issuedOn: string;
                            number: string;
                            open: {
                                currency: string;
                                formatted: string;
                                minor: number;
                            };
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description An error */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            field?: string;
                            message: string;
                        };
                    };
                };
            };
        };
    };
}
