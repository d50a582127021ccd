import type { DisputeReason } from '../collections/dispute-sla.ts';
import type { InstallmentState, PlanStatus } from '../planning/follow-payment-plans.ts';
import type { PayerLinkRefusal } from './payer-link-state.ts';
import type { PlanFrequency } from './plan-schedule.ts';

// The payer portal's words in the payer's language (the customer's locale, else the workspace's):
// English, German, French and Spanish; any other language falls back to English. Money and dates
// are formatted by the caller with Intl in the full locale, then passed in already formatted.

export type PortalRefusalKind = PayerLinkRefusal;
export type PortalErrorField = 'amount' | 'on' | 'count' | 'firstOn' | 'frequency' | 'reason' | 'message' | 'attachments' | 'form';

export interface PortalWords {
  lang: string;
  invoiceTitle: (number: string) => string;
  from: (company: string) => string;
  issued: string;
  due: string;
  amount: string;
  openBalance: string;
  otherInvoices: string;
  noOtherInvoices: string;
  invoiceColumn: string;
  pay: (amount: string) => string;
  payHint: string;
  payUnavailable: string;
  paid: string;
  disputed: string;
  promised: (amount: string, on: string) => string;
  promiseHeading: string;
  promiseAmount: string;
  promiseOn: string;
  yourName: string;
  promiseSubmit: string;
  planHeading: string;
  planCount: string;
  planFirstOn: string;
  planFrequency: string;
  frequencies: Record<PlanFrequency, string>;
  planPreview: string;
  planScheduleHeading: string;
  planSubmit: string;
  planChange: string;
  /** The plan agreed on the invoice: its heading, where it stands, and each instalment's state. */
  planCurrentHeading: string;
  planStanding: Record<Exclude<PlanStatus, 'cancelled' | 'replaced'>, (paid: string, total: string) => string>;
  planStateColumn: string;
  planStates: Record<InstallmentState, string>;
  note: string;
  disputeHeading: string;
  disputeReason: string;
  reasons: Record<DisputeReason, string>;
  disputeMessage: string;
  disputeFiles: string;
  disputeSubmit: string;
  errorSummary: string;
  errors: Record<PortalErrorField, string>;
  promiseDone: (amount: string, on: string) => string;
  planPending: string;
  planApproved: string;
  disputeDone: string;
  paidThanks: string;
  back: string;
  expiresOn: (on: string) => string;
  refusalTitle: Record<PortalRefusalKind, string>;
  refusalBody: Record<PortalRefusalKind, string>;
  freshLink: string;
  freshLinkSent: string;
  freshLinkLimited: string;
  previewTitle: string;
  previewBody: string;
  emailSubject: (company: string, number: string) => string;
  emailBody: (company: string, number: string) => string;
  emailButton: string;
}

const en: PortalWords = {
  lang: 'en',
  invoiceTitle: (number) => `Invoice ${number}`,
  from: (company) => `From ${company}`,
  issued: 'Issued',
  due: 'Due',
  amount: 'Amount',
  openBalance: 'Open balance',
  otherInvoices: 'Your other open invoices',
  noOtherInvoices: 'You have no other open invoices with us.',
  invoiceColumn: 'Invoice',
  pay: (amount) => `Pay ${amount}`,
  payHint: 'You will be taken to our payment page.',
  payUnavailable: 'Online payment is not available for this invoice. Please pay as shown on the invoice.',
  paid: 'Nothing is left to pay on this invoice. Thank you.',
  disputed: 'This invoice is in dispute. We will contact you about it.',
  promised: (amount, on) => `You promised to pay ${amount} by ${on}.`,
  promiseHeading: 'Promise to pay',
  promiseAmount: 'Amount',
  promiseOn: 'Pay by (date)',
  yourName: 'Your name (optional)',
  promiseSubmit: 'Send promise',
  planHeading: 'Propose a payment plan',
  planCount: 'Number of instalments',
  planFirstOn: 'First payment on',
  planFrequency: 'Frequency',
  frequencies: { weekly: 'Every week', biweekly: 'Every two weeks', monthly: 'Every month' },
  planPreview: 'Show the schedule',
  planScheduleHeading: 'Your proposed schedule',
  planSubmit: 'Send this plan',
  planChange: 'Change the plan',
  planCurrentHeading: 'Your payment plan',
  planStanding: {
    active: (paid, total) => `You are on a payment plan: ${paid} of ${total} paid so far. Pay each instalment by its date; no reminders are sent while the plan is kept.`,
    completed: (paid, total) => `Your payment plan is complete (${paid} of ${total} paid). Thank you.`,
    broken: (paid, total) => `Your payment plan was not kept: an instalment was missed (${paid} of ${total} paid). The open balance is due now; contact us to agree a new arrangement.`,
  },
  planStateColumn: 'Status',
  planStates: { paid: 'Paid', due: 'Due', missed: 'Missed', cancelled: 'No longer due' },
  note: 'Note (optional)',
  disputeHeading: 'Dispute this invoice',
  disputeReason: 'Reason',
  reasons: {
    pricing: 'Pricing or discount not as agreed',
    quantity: 'Quantity short or over-billed',
    quality: 'Damaged or faulty goods or service',
    not_received: 'Goods or service not received',
    duplicate: 'Billed twice',
    terms: 'Payment terms or due date disputed',
    other: 'Other',
  },
  disputeMessage: 'What is wrong?',
  disputeFiles: 'Documents (PDF, PNG or JPEG; up to 3 files of 2 MB each)',
  disputeSubmit: 'Open dispute',
  errorSummary: 'There is a problem',
  errors: {
    amount: 'Enter an amount more than zero and no more than the open balance.',
    on: 'Enter a date that has not passed.',
    count: 'Choose from 2 to 12 instalments.',
    firstOn: 'Enter a first payment date from today to 60 days ahead.',
    frequency: 'Choose how often you pay.',
    reason: 'Choose a reason.',
    message: 'Tell us what is wrong (at most 5,000 characters).',
    attachments: 'Attach at most 3 PDF, PNG or JPEG files of up to 2 MB each.',
    form: 'This form has expired. Please try again.',
  },
  promiseDone: (amount, on) => `Thank you. We have noted your promise to pay ${amount} by ${on}.`,
  planPending: 'Thank you. Your plan was sent for approval; we will confirm it by email.',
  planApproved: 'Thank you. Your plan is accepted.',
  disputeDone: 'Thank you. Your dispute is open; we will answer within five business days. Reminders for this invoice stop meanwhile.',
  paidThanks: 'Thank you. Your payment is being processed; you will receive a confirmation from the payment provider.',
  back: 'Back to the invoice',
  expiresOn: (on) => `This link stays valid until ${on}, and seven days after each visit.`,
  refusalTitle: { invalid: 'This link is not valid', expired: 'This link has expired', revoked: 'This link was replaced', spent: 'This link was used for a payment' },
  refusalBody: {
    invalid: 'The address may have been copied incompletely or changed. Open the link from your email again.',
    expired: 'For your security, payment links stop working after seven days without use.',
    revoked: 'We replaced this link with a new one, so this one no longer works.',
    spent: 'A payment was already made through this link, so it no longer opens.',
  },
  freshLink: 'Email me a fresh link',
  freshLinkSent: 'If this link is ours, we have sent a fresh one to the email addresses we have on file for you.',
  freshLinkLimited: 'A fresh link was sent recently. Please check your inbox, or try again later.',
  previewTitle: 'Payment link preview',
  previewBody: 'In a real message, this link opens the payment page of the invoice.',
  emailSubject: (company, number) => `Your payment link for invoice ${number} from ${company}`,
  emailBody: (company, number) => `You asked for a fresh link to invoice ${number} from ${company}. It opens the invoice, where you can pay, promise a payment or tell us about a problem.`,
  emailButton: 'Open the invoice',
};

const de: PortalWords = {
  lang: 'de',
  invoiceTitle: (number) => `Rechnung ${number}`,
  from: (company) => `Von ${company}`,
  issued: 'Ausgestellt',
  due: 'Fällig',
  amount: 'Betrag',
  openBalance: 'Offener Betrag',
  otherInvoices: 'Ihre weiteren offenen Rechnungen',
  noOtherInvoices: 'Sie haben keine weiteren offenen Rechnungen bei uns.',
  invoiceColumn: 'Rechnung',
  pay: (amount) => `${amount} bezahlen`,
  payHint: 'Sie werden zu unserer Zahlungsseite weitergeleitet.',
  payUnavailable: 'Eine Online-Zahlung ist für diese Rechnung nicht möglich. Bitte zahlen Sie wie auf der Rechnung angegeben.',
  paid: 'Auf dieser Rechnung ist nichts mehr offen. Vielen Dank.',
  disputed: 'Diese Rechnung wird beanstandet. Wir melden uns bei Ihnen.',
  promised: (amount, on) => `Sie haben zugesagt, ${amount} bis ${on} zu zahlen.`,
  promiseHeading: 'Zahlung zusagen',
  promiseAmount: 'Betrag',
  promiseOn: 'Zahlung bis (Datum)',
  yourName: 'Ihr Name (optional)',
  promiseSubmit: 'Zusage senden',
  planHeading: 'Ratenzahlung vorschlagen',
  planCount: 'Anzahl der Raten',
  planFirstOn: 'Erste Zahlung am',
  planFrequency: 'Rhythmus',
  frequencies: { weekly: 'Jede Woche', biweekly: 'Alle zwei Wochen', monthly: 'Jeden Monat' },
  planPreview: 'Zahlungsplan anzeigen',
  planScheduleHeading: 'Ihr vorgeschlagener Zahlungsplan',
  planSubmit: 'Diesen Plan senden',
  planChange: 'Plan ändern',
  planCurrentHeading: 'Ihre Ratenzahlung',
  planStanding: {
    active: (paid, total) => `Sie zahlen in Raten: bisher ${paid} von ${total} bezahlt. Bitte zahlen Sie jede Rate bis zu ihrem Datum; solange der Plan eingehalten wird, erhalten Sie keine Erinnerungen.`,
    completed: (paid, total) => `Ihre Ratenzahlung ist abgeschlossen (${paid} von ${total} bezahlt). Vielen Dank.`,
    broken: (paid, total) => `Ihre Ratenzahlung wurde nicht eingehalten: eine Rate ist ausgeblieben (${paid} von ${total} bezahlt). Der offene Betrag ist jetzt fällig; bitte kontaktieren Sie uns für eine neue Vereinbarung.`,
  },
  planStateColumn: 'Stand',
  planStates: { paid: 'Bezahlt', due: 'Fällig', missed: 'Versäumt', cancelled: 'Entfällt' },
  note: 'Anmerkung (optional)',
  disputeHeading: 'Rechnung beanstanden',
  disputeReason: 'Grund',
  reasons: {
    pricing: 'Preis oder Rabatt nicht wie vereinbart',
    quantity: 'Menge zu gering oder zu viel berechnet',
    quality: 'Beschädigte oder mangelhafte Ware oder Leistung',
    not_received: 'Ware oder Leistung nicht erhalten',
    duplicate: 'Doppelt berechnet',
    terms: 'Zahlungsbedingungen oder Fälligkeit strittig',
    other: 'Sonstiges',
  },
  disputeMessage: 'Was ist nicht in Ordnung?',
  disputeFiles: 'Unterlagen (PDF, PNG oder JPEG; bis zu 3 Dateien zu je 2 MB)',
  disputeSubmit: 'Beanstandung senden',
  errorSummary: 'Es gibt ein Problem',
  errors: {
    amount: 'Geben Sie einen Betrag über null und höchstens den offenen Betrag ein.',
    on: 'Geben Sie ein Datum ein, das nicht vergangen ist.',
    count: 'Wählen Sie 2 bis 12 Raten.',
    firstOn: 'Geben Sie für die erste Zahlung ein Datum von heute bis in 60 Tagen ein.',
    frequency: 'Wählen Sie, wie oft Sie zahlen.',
    reason: 'Wählen Sie einen Grund.',
    message: 'Beschreiben Sie das Problem (höchstens 5.000 Zeichen).',
    attachments: 'Hängen Sie höchstens 3 PDF-, PNG- oder JPEG-Dateien zu je bis zu 2 MB an.',
    form: 'Dieses Formular ist abgelaufen. Bitte versuchen Sie es erneut.',
  },
  promiseDone: (amount, on) => `Vielen Dank. Wir haben Ihre Zusage notiert, ${amount} bis ${on} zu zahlen.`,
  planPending: 'Vielen Dank. Ihr Plan wurde zur Freigabe weitergeleitet; wir bestätigen ihn per E-Mail.',
  planApproved: 'Vielen Dank. Ihr Plan ist angenommen.',
  disputeDone: 'Vielen Dank. Ihre Beanstandung ist eröffnet; wir antworten innerhalb von fünf Werktagen. Bis dahin erhalten Sie zu dieser Rechnung keine Erinnerungen.',
  paidThanks: 'Vielen Dank. Ihre Zahlung wird bearbeitet; Sie erhalten eine Bestätigung vom Zahlungsanbieter.',
  back: 'Zurück zur Rechnung',
  expiresOn: (on) => `Dieser Link gilt bis ${on} und nach jedem Besuch weitere sieben Tage.`,
  refusalTitle: { invalid: 'Dieser Link ist ungültig', expired: 'Dieser Link ist abgelaufen', revoked: 'Dieser Link wurde ersetzt', spent: 'Dieser Link wurde für eine Zahlung verwendet' },
  refusalBody: {
    invalid: 'Die Adresse wurde vielleicht unvollständig kopiert oder verändert. Öffnen Sie den Link erneut aus Ihrer E-Mail.',
    expired: 'Zu Ihrer Sicherheit funktionieren Zahlungslinks nach sieben Tagen ohne Nutzung nicht mehr.',
    revoked: 'Wir haben diesen Link durch einen neuen ersetzt; dieser funktioniert nicht mehr.',
    spent: 'Über diesen Link wurde bereits eine Zahlung geleistet; er öffnet sich nicht mehr.',
  },
  freshLink: 'Neuen Link per E-Mail senden',
  freshLinkSent: 'Wenn dieser Link von uns stammt, haben wir einen neuen an die bei uns hinterlegten E-Mail-Adressen gesendet.',
  freshLinkLimited: 'Vor Kurzem wurde bereits ein neuer Link gesendet. Bitte prüfen Sie Ihr Postfach oder versuchen Sie es später erneut.',
  previewTitle: 'Vorschau des Zahlungslinks',
  previewBody: 'In einer echten Nachricht öffnet dieser Link die Zahlungsseite der Rechnung.',
  emailSubject: (company, number) => `Ihr Zahlungslink für Rechnung ${number} von ${company}`,
  emailBody: (company, number) => `Sie haben einen neuen Link zu Rechnung ${number} von ${company} angefordert. Dort können Sie zahlen, eine Zahlung zusagen oder uns ein Problem mitteilen.`,
  emailButton: 'Rechnung öffnen',
};

const fr: PortalWords = {
  lang: 'fr',
  invoiceTitle: (number) => `Facture ${number}`,
  from: (company) => `De ${company}`,
  issued: 'Émise le',
  due: 'Échéance',
  amount: 'Montant',
  openBalance: 'Solde restant',
  otherInvoices: 'Vos autres factures ouvertes',
  noOtherInvoices: 'Vous n’avez pas d’autre facture ouverte chez nous.',
  invoiceColumn: 'Facture',
  pay: (amount) => `Payer ${amount}`,
  payHint: 'Vous serez redirigé vers notre page de paiement.',
  payUnavailable: 'Le paiement en ligne n’est pas disponible pour cette facture. Veuillez payer comme indiqué sur la facture.',
  paid: 'Il ne reste rien à payer sur cette facture. Merci.',
  disputed: 'Cette facture fait l’objet d’une contestation. Nous vous recontacterons.',
  promised: (amount, on) => `Vous vous êtes engagé à payer ${amount} d’ici le ${on}.`,
  promiseHeading: 'S’engager à payer',
  promiseAmount: 'Montant',
  promiseOn: 'Payer d’ici le (date)',
  yourName: 'Votre nom (facultatif)',
  promiseSubmit: 'Envoyer l’engagement',
  planHeading: 'Proposer un échéancier',
  planCount: 'Nombre d’échéances',
  planFirstOn: 'Premier paiement le',
  planFrequency: 'Fréquence',
  frequencies: { weekly: 'Chaque semaine', biweekly: 'Toutes les deux semaines', monthly: 'Chaque mois' },
  planPreview: 'Afficher l’échéancier',
  planScheduleHeading: 'Votre échéancier proposé',
  planSubmit: 'Envoyer cet échéancier',
  planChange: 'Modifier l’échéancier',
  planCurrentHeading: 'Votre échéancier',
  planStanding: {
    active: (paid, total) => `Vous payez selon un échéancier : ${paid} payés sur ${total} à ce jour. Payez chaque échéance à sa date ; aucun rappel n’est envoyé tant que l’échéancier est respecté.`,
    completed: (paid, total) => `Votre échéancier est terminé (${paid} payés sur ${total}). Merci.`,
    broken: (paid, total) => `Votre échéancier n’a pas été respecté : une échéance a été manquée (${paid} payés sur ${total}). Le solde restant est exigible ; contactez-nous pour convenir d’un nouvel accord.`,
  },
  planStateColumn: 'Statut',
  planStates: { paid: 'Payée', due: 'À payer', missed: 'Manquée', cancelled: 'Annulée' },
  note: 'Remarque (facultatif)',
  disputeHeading: 'Contester cette facture',
  disputeReason: 'Motif',
  reasons: {
    pricing: 'Prix ou remise non conforme à l’accord',
    quantity: 'Quantité manquante ou surfacturée',
    quality: 'Marchandise ou service endommagé ou défectueux',
    not_received: 'Marchandise ou service non reçu',
    duplicate: 'Facturé deux fois',
    terms: 'Conditions de paiement ou échéance contestées',
    other: 'Autre',
  },
  disputeMessage: 'Quel est le problème ?',
  disputeFiles: 'Documents (PDF, PNG ou JPEG ; jusqu’à 3 fichiers de 2 Mo chacun)',
  disputeSubmit: 'Ouvrir la contestation',
  errorSummary: 'Il y a un problème',
  errors: {
    amount: 'Saisissez un montant supérieur à zéro et au plus égal au solde restant.',
    on: 'Saisissez une date qui n’est pas passée.',
    count: 'Choisissez de 2 à 12 échéances.',
    firstOn: 'Saisissez une date de premier paiement entre aujourd’hui et dans 60 jours.',
    frequency: 'Choisissez la fréquence de paiement.',
    reason: 'Choisissez un motif.',
    message: 'Décrivez le problème (5 000 caractères au plus).',
    attachments: 'Joignez au plus 3 fichiers PDF, PNG ou JPEG de 2 Mo chacun au maximum.',
    form: 'Ce formulaire a expiré. Veuillez réessayer.',
  },
  promiseDone: (amount, on) => `Merci. Nous avons noté votre engagement de payer ${amount} d’ici le ${on}.`,
  planPending: 'Merci. Votre échéancier a été transmis pour approbation ; nous vous le confirmerons par e-mail.',
  planApproved: 'Merci. Votre échéancier est accepté.',
  disputeDone: 'Merci. Votre contestation est ouverte ; nous répondrons sous cinq jours ouvrés. Les relances pour cette facture sont suspendues d’ici là.',
  paidThanks: 'Merci. Votre paiement est en cours de traitement ; vous recevrez une confirmation du prestataire de paiement.',
  back: 'Retour à la facture',
  expiresOn: (on) => `Ce lien reste valable jusqu’au ${on}, et sept jours après chaque visite.`,
  refusalTitle: { invalid: 'Ce lien n’est pas valide', expired: 'Ce lien a expiré', revoked: 'Ce lien a été remplacé', spent: 'Ce lien a servi à un paiement' },
  refusalBody: {
    invalid: 'L’adresse a peut-être été copiée de façon incomplète ou modifiée. Rouvrez le lien depuis votre e-mail.',
    expired: 'Pour votre sécurité, les liens de paiement cessent de fonctionner après sept jours sans utilisation.',
    revoked: 'Nous avons remplacé ce lien par un nouveau ; celui-ci ne fonctionne plus.',
    spent: 'Un paiement a déjà été effectué avec ce lien ; il ne s’ouvre plus.',
  },
  freshLink: 'M’envoyer un nouveau lien par e-mail',
  freshLinkSent: 'Si ce lien vient de nous, nous en avons envoyé un nouveau aux adresses e-mail enregistrées chez nous.',
  freshLinkLimited: 'Un nouveau lien a été envoyé récemment. Consultez votre boîte de réception ou réessayez plus tard.',
  previewTitle: 'Aperçu du lien de paiement',
  previewBody: 'Dans un vrai message, ce lien ouvre la page de paiement de la facture.',
  emailSubject: (company, number) => `Votre lien de paiement pour la facture ${number} de ${company}`,
  emailBody: (company, number) => `Vous avez demandé un nouveau lien vers la facture ${number} de ${company}. Vous pourrez y payer, vous engager à payer ou nous signaler un problème.`,
  emailButton: 'Ouvrir la facture',
};

const es: PortalWords = {
  lang: 'es',
  invoiceTitle: (number) => `Factura ${number}`,
  from: (company) => `De ${company}`,
  issued: 'Emitida',
  due: 'Vencimiento',
  amount: 'Importe',
  openBalance: 'Saldo pendiente',
  otherInvoices: 'Sus otras facturas pendientes',
  noOtherInvoices: 'No tiene otras facturas pendientes con nosotros.',
  invoiceColumn: 'Factura',
  pay: (amount) => `Pagar ${amount}`,
  payHint: 'Le llevaremos a nuestra página de pago.',
  payUnavailable: 'El pago en línea no está disponible para esta factura. Pague como se indica en la factura.',
  paid: 'No queda nada por pagar en esta factura. Gracias.',
  disputed: 'Esta factura está en disputa. Nos pondremos en contacto con usted.',
  promised: (amount, on) => `Se comprometió a pagar ${amount} antes del ${on}.`,
  promiseHeading: 'Comprometerse a pagar',
  promiseAmount: 'Importe',
  promiseOn: 'Pagar antes del (fecha)',
  yourName: 'Su nombre (opcional)',
  promiseSubmit: 'Enviar compromiso',
  planHeading: 'Proponer un plan de pagos',
  planCount: 'Número de plazos',
  planFirstOn: 'Primer pago el',
  planFrequency: 'Frecuencia',
  frequencies: { weekly: 'Cada semana', biweekly: 'Cada dos semanas', monthly: 'Cada mes' },
  planPreview: 'Ver el calendario',
  planScheduleHeading: 'Su calendario propuesto',
  planSubmit: 'Enviar este plan',
  planChange: 'Cambiar el plan',
  planCurrentHeading: 'Su plan de pagos',
  planStanding: {
    active: (paid, total) => `Está pagando con un plan de pagos: ${paid} de ${total} pagados hasta ahora. Pague cada cuota en su fecha; mientras cumpla el plan no se envían recordatorios.`,
    completed: (paid, total) => `Su plan de pagos está completo (${paid} de ${total} pagados). Gracias.`,
    broken: (paid, total) => `Su plan de pagos no se ha cumplido: falta una cuota (${paid} de ${total} pagados). El saldo pendiente vence ahora; contáctenos para acordar una nueva solución.`,
  },
  planStateColumn: 'Estado',
  planStates: { paid: 'Pagada', due: 'Pendiente', missed: 'No pagada', cancelled: 'Ya no se debe' },
  note: 'Nota (opcional)',
  disputeHeading: 'Disputar esta factura',
  disputeReason: 'Motivo',
  reasons: {
    pricing: 'Precio o descuento distinto de lo acordado',
    quantity: 'Cantidad incompleta o facturada de más',
    quality: 'Mercancía o servicio dañado o defectuoso',
    not_received: 'Mercancía o servicio no recibido',
    duplicate: 'Facturado dos veces',
    terms: 'Condiciones de pago o vencimiento en disputa',
    other: 'Otro',
  },
  disputeMessage: '¿Qué está mal?',
  disputeFiles: 'Documentos (PDF, PNG o JPEG; hasta 3 archivos de 2 MB cada uno)',
  disputeSubmit: 'Abrir disputa',
  errorSummary: 'Hay un problema',
  errors: {
    amount: 'Introduzca un importe mayor que cero y no superior al saldo pendiente.',
    on: 'Introduzca una fecha que no haya pasado.',
    count: 'Elija de 2 a 12 plazos.',
    firstOn: 'Introduzca una fecha de primer pago entre hoy y dentro de 60 días.',
    frequency: 'Elija con qué frecuencia paga.',
    reason: 'Elija un motivo.',
    message: 'Cuéntenos qué está mal (5.000 caracteres como máximo).',
    attachments: 'Adjunte como máximo 3 archivos PDF, PNG o JPEG de hasta 2 MB cada uno.',
    form: 'Este formulario ha caducado. Inténtelo de nuevo.',
  },
  promiseDone: (amount, on) => `Gracias. Hemos anotado su compromiso de pagar ${amount} antes del ${on}.`,
  planPending: 'Gracias. Su plan se ha enviado para su aprobación; se lo confirmaremos por correo electrónico.',
  planApproved: 'Gracias. Su plan está aceptado.',
  disputeDone: 'Gracias. Su disputa está abierta; responderemos en un plazo de cinco días hábiles. Mientras tanto no recibirá recordatorios de esta factura.',
  paidThanks: 'Gracias. Su pago se está procesando; recibirá una confirmación del proveedor de pagos.',
  back: 'Volver a la factura',
  expiresOn: (on) => `Este enlace es válido hasta el ${on}, y siete días más después de cada visita.`,
  refusalTitle: { invalid: 'Este enlace no es válido', expired: 'Este enlace ha caducado', revoked: 'Este enlace fue sustituido', spent: 'Este enlace ya se usó para un pago' },
  refusalBody: {
    invalid: 'Puede que la dirección se haya copiado de forma incompleta o se haya modificado. Vuelva a abrir el enlace desde su correo.',
    expired: 'Por su seguridad, los enlaces de pago dejan de funcionar tras siete días sin uso.',
    revoked: 'Sustituimos este enlace por uno nuevo, así que este ya no funciona.',
    spent: 'Ya se hizo un pago con este enlace, así que ya no se abre.',
  },
  freshLink: 'Enviarme un enlace nuevo por correo',
  freshLinkSent: 'Si este enlace es nuestro, hemos enviado uno nuevo a las direcciones de correo que tenemos registradas.',
  freshLinkLimited: 'Se envió un enlace nuevo hace poco. Revise su bandeja de entrada o inténtelo más tarde.',
  previewTitle: 'Vista previa del enlace de pago',
  previewBody: 'En un mensaje real, este enlace abre la página de pago de la factura.',
  emailSubject: (company, number) => `Su enlace de pago para la factura ${number} de ${company}`,
  emailBody: (company, number) => `Ha pedido un enlace nuevo a la factura ${number} de ${company}. Allí puede pagar, comprometerse a pagar o informarnos de un problema.`,
  emailButton: 'Abrir la factura',
};

const byLanguage: Record<string, PortalWords> = { en, de, fr, es };

/** The words for a BCP 47 locale ('de-AT' → German); English for a language without its own. */
export function portalWords(locale: string | null | undefined): PortalWords {
  const language = (locale ?? 'en').toLowerCase().split(/[-_]/)[0] ?? 'en';
  return byLanguage[language] ?? en;
}

/** The first of an Accept-Language header's languages the portal speaks (for pages of links that name no customer). */
export function portalLocaleFromAcceptLanguage(header: string | undefined): string {
  for (const part of (header ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim();
    if (tag && byLanguage[tag.toLowerCase().split('-')[0]!]) return tag;
  }
  return 'en';
}
