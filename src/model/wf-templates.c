/* wf-templates.c — the maps people start from
 *
 * Each template is a real starting map — phases, lanes for its personas and
 * a few example cards — written in English and in Dutch, the language of
 * Wayfinder's first users. The Dutch terms follow the vocabulary Dutch
 * marketing and UX teams use (see DOMAIN.md).
 *
 * Copyright 2026 The Wayfinder developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wf-templates.h"

typedef struct
{
  const char *en;
  const char *nl;
} Text;

typedef struct
{
  Text name;
  Text description;
} PhaseSpec;

typedef struct
{
  Text name;
  Text role;
  Text goals;
  Text needs;
  Text frustrations;
} PersonaSpec;

typedef struct
{
  int        persona;    /* index into the personas, or -1 for a shared lane */
  WfLaneKind kind;
  Text       title;
} LaneSpec;

typedef struct
{
  guint     phase;
  guint     lane;
  Text      title;
  WfChannel channel;
  WfContact contact;
  int       emotion;
} CardSpec;

typedef struct
{
  const char        *id;
  Text               name;
  Text               description;
  const PhaseSpec   *phases;
  guint              n_phases;
  const PersonaSpec *personas;
  guint              n_personas;
  const LaneSpec    *lanes;
  guint              n_lanes;
  const CardSpec    *cards;
  guint              n_cards;
} TemplateSpec;

#define NONE WF_EMOTION_NONE
#define NO_CHANNEL WF_CHANNEL_NONE
#define NO_CONTACT WF_CONTACT_NONE

/* Five phases */

static const PhaseSpec five_phases[] = {
  { { "Awareness", "Bewustwording" },
    { "The customer notices a need and first hears of the company.",
      "De klant merkt een behoefte op en hoort voor het eerst van het bedrijf." } },
  { { "Consideration", "Overweging" },
    { "The customer compares options and looks for information.",
      "De klant vergelijkt mogelijkheden en zoekt informatie." } },
  { { "Decision", "Beslissing" },
    { "The customer chooses a product and a supplier.",
      "De klant kiest een product en een leverancier." } },
  { { "Purchase", "Aankoop" },
    { "The customer orders and pays.", "De klant bestelt en betaalt." } },
  { { "Aftercare", "Nazorg" },
    { "Delivery, use, service and the relationship after the sale.",
      "Levering, gebruik, service en de relatie na de verkoop." } },
};

static const PersonaSpec five_personas[] = {
  { { "Sam", "Sam" },
    { "First-time buyer", "Koper voor het eerst" },
    { "Find a good product at a fair price without a lot of effort.",
      "Zonder veel moeite een goed product voor een eerlijke prijs vinden." },
    { "Clear information and honest reviews.",
      "Duidelijke informatie en eerlijke reviews." },
    { "Hidden costs and slow answers.",
      "Verborgen kosten en trage antwoorden." } },
};

static const LaneSpec five_lanes[] = {
  { 0, WF_LANE_TOUCHPOINTS,   { "Touchpoints", "Contactmomenten" } },
  { 0, WF_LANE_ACTIONS,       { "Actions", "Acties" } },
  { 0, WF_LANE_EMOTIONS,      { "Emotions", "Emoties" } },
  { 0, WF_LANE_PAIN_POINTS,   { "Pain points", "Pijnpunten" } },
  { 0, WF_LANE_OPPORTUNITIES, { "Opportunities", "Kansen" } },
};

static const CardSpec five_cards[] = {
  { 0, 0, { "Sees an ad on social media", "Ziet een advertentie op sociale media" },
    WF_CHANNEL_SOCIAL, WF_CONTACT_DIRECT, NONE },
  { 0, 0, { "Hears about it from a friend", "Hoort erover van een vriend" },
    WF_CHANNEL_WORD_OF_MOUTH, WF_CONTACT_INDIRECT, NONE },
  { 1, 0, { "Reads reviews on a comparison site", "Leest reviews op een vergelijkingssite" },
    WF_CHANNEL_REVIEW_SITE, WF_CONTACT_INDIRECT, NONE },
  { 1, 1, { "Compares prices and delivery times", "Vergelijkt prijzen en levertijden" },
    NO_CHANNEL, NO_CONTACT, NONE },
  { 3, 0, { "Orders in the web shop", "Bestelt in de webwinkel" },
    WF_CHANNEL_WEB, WF_CONTACT_DIRECT, NONE },
  { 4, 0, { "Receives a delivery e-mail", "Krijgt een e-mail over de levering" },
    WF_CHANNEL_EMAIL, WF_CONTACT_DIRECT, NONE },
  { 0, 2, { "Curious", "Nieuwsgierig" }, NO_CHANNEL, NO_CONTACT, 1 },
  { 1, 2, { "Unsure which to choose", "Twijfelt wat te kiezen" }, NO_CHANNEL, NO_CONTACT, -1 },
  { 2, 2, { "Confident", "Zelfverzekerd" }, NO_CHANNEL, NO_CONTACT, 1 },
  { 3, 2, { "Surprised by shipping costs", "Verrast door verzendkosten" }, NO_CHANNEL, NO_CONTACT, -2 },
  { 4, 2, { "Happy with the product", "Blij met het product" }, NO_CHANNEL, NO_CONTACT, 2 },
  { 3, 3, { "Shipping costs shown only at checkout", "Verzendkosten pas zichtbaar bij afrekenen" },
    NO_CHANNEL, NO_CONTACT, NONE },
  { 3, 4, { "Show the full price on the product page", "Toon de volledige prijs op de productpagina" },
    NO_CHANNEL, NO_CONTACT, NONE },
};

/* Funnel with loyalty */

static const PhaseSpec funnel_phases[] = {
  { { "Awareness", "Bewustzijn" },
    { "The customer learns that the brand exists.", "De klant ontdekt dat het merk bestaat." } },
  { { "Consideration", "Overweging" },
    { "The customer weighs the brand against others.", "De klant weegt het merk af tegen andere." } },
  { { "Purchase", "Aankoop" },
    { "The customer buys.", "De klant koopt." } },
  { { "Retention", "Behoud" },
    { "The customer stays and buys again.", "De klant blijft en koopt opnieuw." } },
  { { "Advocacy", "Belangenbehartiging" },
    { "The customer recommends the brand to others.", "De klant raadt het merk aan bij anderen." } },
};

static const PersonaSpec funnel_personas[] = {
  { { "Noor", "Noor" },
    { "Returning customer", "Terugkerende klant" },
    { "Get good value and be treated as a regular.",
      "Waar voor haar geld krijgen en als vaste klant behandeld worden." },
    { "Personal offers and fast service.", "Persoonlijke aanbiedingen en snelle service." },
    { "Having to explain her history again at every contact.",
      "Bij elk contact haar geschiedenis opnieuw moeten uitleggen." } },
};

static const LaneSpec funnel_lanes[] = {
  { 0, WF_LANE_TOUCHPOINTS, { "Touchpoints", "Contactmomenten" } },
  { 0, WF_LANE_THOUGHTS,    { "Thoughts", "Gedachten" } },
  { 0, WF_LANE_EMOTIONS,    { "Emotions", "Emoties" } },
  { -1, WF_LANE_METRICS,    { "Metrics", "Metrieken" } },
};

static const CardSpec funnel_cards[] = {
  { 0, 0, { "Search engine result", "Zoekresultaat in een zoekmachine" },
    WF_CHANNEL_SEARCH, WF_CONTACT_DIRECT, NONE },
  { 1, 0, { "Product comparison page", "Pagina met productvergelijking" },
    WF_CHANNEL_WEB, WF_CONTACT_DIRECT, NONE },
  { 2, 0, { "Checkout in the app", "Afrekenen in de app" },
    WF_CHANNEL_APP, WF_CONTACT_DIRECT, NONE },
  { 3, 0, { "Loyalty newsletter", "Nieuwsbrief met spaarprogramma" },
    WF_CHANNEL_EMAIL, WF_CONTACT_DIRECT, NONE },
  { 4, 0, { "Writes a review", "Schrijft een review" },
    WF_CHANNEL_REVIEW_SITE, WF_CONTACT_INDIRECT, NONE },
  { 1, 1, { "“Is this worth the money?”", "„Is dit het geld waard?”" },
    NO_CHANNEL, NO_CONTACT, NONE },
  { 0, 2, { "Interested", "Geïnteresseerd" }, NO_CHANNEL, NO_CONTACT, 1 },
  { 1, 2, { "Hesitant", "Aarzelend" }, NO_CHANNEL, NO_CONTACT, 0 },
  { 2, 2, { "Relieved", "Opgelucht" }, NO_CHANNEL, NO_CONTACT, 1 },
  { 3, 2, { "Valued", "Gewaardeerd" }, NO_CHANNEL, NO_CONTACT, 2 },
  { 4, 2, { "Proud to recommend", "Trots om aan te bevelen" }, NO_CHANNEL, NO_CONTACT, 2 },
  { 2, 3, { "Conversion rate", "Conversieratio" }, NO_CHANNEL, NO_CONTACT, NONE },
  { 3, 3, { "Churn", "Klantverloop" }, NO_CHANNEL, NO_CONTACT, NONE },
  { 4, 3, { "NPS", "NPS" }, NO_CHANNEL, NO_CONTACT, NONE },
};

/* Three phases */

static const PhaseSpec three_phases[] = {
  { { "Pre-sales", "Pre-sales fase" },
    { "Impulse and information: the customer becomes aware and looks around.",
      "Impuls en informatie: de klant wordt zich bewust en oriënteert zich." } },
  { { "Transaction", "Transactiefase" },
    { "Purchase, delivery and commissioning.",
      "Aankoop, levering en ingebruikname." } },
  { { "Post-purchase", "Post-aankoopfase" },
    { "Experience, retention and advocacy.",
      "Ervaring, behoud en aanbeveling." } },
};

static const PersonaSpec three_personas[] = {
  { { "Alex", "Alex" },
    { "Customer", "Klant" },
    { "Buy with confidence and get started quickly.",
      "Met vertrouwen kopen en snel aan de slag kunnen." },
    { "A clear overview of the options.", "Een duidelijk overzicht van de mogelijkheden." },
    { "Waiting without knowing where the order is.",
      "Wachten zonder te weten waar de bestelling is." } },
};

static const LaneSpec three_lanes[] = {
  { 0, WF_LANE_TOUCHPOINTS,   { "Touchpoints", "Contactmomenten" } },
  { 0, WF_LANE_EMOTIONS,      { "Emotions", "Emoties" } },
  { 0, WF_LANE_PAIN_POINTS,   { "Pain points", "Pijnpunten" } },
  { 0, WF_LANE_OPPORTUNITIES, { "Opportunities", "Kansen" } },
};

static const CardSpec three_cards[] = {
  { 0, 0, { "Impulse: an online ad", "Impuls: een online advertentie" },
    WF_CHANNEL_ADS, WF_CONTACT_DIRECT, NONE },
  { 0, 0, { "Information: the website", "Informatie: de website" },
    WF_CHANNEL_WEB, WF_CONTACT_DIRECT, NONE },
  { 1, 0, { "Order confirmation", "Orderbevestiging" },
    WF_CHANNEL_EMAIL, WF_CONTACT_DIRECT, NONE },
  { 1, 0, { "Delivery at home", "Levering aan huis" },
    WF_CHANNEL_OTHER, WF_CONTACT_DIRECT, NONE },
  { 2, 0, { "Customer service call", "Gesprek met de klantenservice" },
    WF_CHANNEL_PHONE, WF_CONTACT_DIRECT, NONE },
  { 0, 1, { "Curious", "Nieuwsgierig" }, NO_CHANNEL, NO_CONTACT, 1 },
  { 1, 1, { "Impatient", "Ongeduldig" }, NO_CHANNEL, NO_CONTACT, -1 },
  { 2, 1, { "Satisfied", "Tevreden" }, NO_CHANNEL, NO_CONTACT, 1 },
  { 1, 2, { "No track and trace", "Geen track-and-trace" }, NO_CHANNEL, NO_CONTACT, NONE },
  { 1, 3, { "Send delivery updates", "Stuur updates over de levering" }, NO_CHANNEL, NO_CONTACT, NONE },
};

/* B2B buyer journey */

static const PhaseSpec b2b_phases[] = {
  { { "Need", "Behoefte" },
    { "The organisation recognises a problem worth solving.",
      "De organisatie erkent een probleem dat het oplossen waard is." } },
  { { "Research", "Oriëntatie" },
    { "The buying team explores solutions and suppliers.",
      "Het inkoopteam verkent oplossingen en leveranciers." } },
  { { "Selection", "Selectie" },
    { "Suppliers are compared and a shortlist is made.",
      "Leveranciers worden vergeleken en er komt een shortlist." } },
  { { "Contract", "Contract" },
    { "Terms are negotiated and the contract is signed.",
      "Voorwaarden worden onderhandeld en het contract wordt getekend." } },
  { { "Onboarding", "Implementatie" },
    { "The solution is delivered and put to use.",
      "De oplossing wordt geleverd en in gebruik genomen." } },
  { { "Service", "Service" },
    { "Support, renewal and growth of the account.",
      "Ondersteuning, verlenging en groei van de klantrelatie." } },
};

static const PersonaSpec b2b_personas[] = {
  { { "Business owner", "Eigenaar" },
    { "Decides and owns the budget", "Beslist en beheert het budget" },
    { "Solve the problem with a clear return.", "Het probleem oplossen met een duidelijk rendement." },
    { "A business case.", "Een businesscase." },
    { "Projects that drag on.", "Projecten die blijven slepen." } },
  { { "Procurement", "Inkoop" },
    { "Runs the purchasing process", "Leidt het inkoopproces" },
    { "A fair price and a sound supplier.", "Een eerlijke prijs en een betrouwbare leverancier." },
    { "Comparable offers.", "Vergelijkbare offertes." },
    { "Offers that cannot be compared.", "Offertes die niet te vergelijken zijn." } },
  { { "Legal", "Bedrijfsjurist" },
    { "Company lawyer", "Jurist van het bedrijf" },
    { "Limit the risks in the contract.", "De risico’s in het contract beperken." },
    { "Standard terms early on.", "Vroeg de standaardvoorwaarden." },
    { "Surprises in the small print.", "Verrassingen in de kleine lettertjes." } },
  { { "End user", "Eindgebruiker" },
    { "Works with the solution every day", "Werkt er elke dag mee" },
    { "Get the job done with less effort.", "Het werk met minder moeite gedaan krijgen." },
    { "Training and quick help.", "Training en snelle hulp." },
    { "Tools chosen without asking the people who use them.",
      "Gereedschap dat gekozen is zonder de gebruikers te vragen." } },
};

static const LaneSpec b2b_lanes[] = {
  { 0, WF_LANE_TOUCHPOINTS, { "Touchpoints", "Contactmomenten" } },
  { 0, WF_LANE_EMOTIONS,    { "Emotions", "Emoties" } },
  { 1, WF_LANE_TOUCHPOINTS, { "Touchpoints", "Contactmomenten" } },
  { 1, WF_LANE_PAIN_POINTS, { "Pain points", "Pijnpunten" } },
  { 2, WF_LANE_TOUCHPOINTS, { "Touchpoints", "Contactmomenten" } },
  { 2, WF_LANE_PAIN_POINTS, { "Pain points", "Pijnpunten" } },
  { 3, WF_LANE_TOUCHPOINTS, { "Touchpoints", "Contactmomenten" } },
  { 3, WF_LANE_EMOTIONS,    { "Emotions", "Emoties" } },
  { -1, WF_LANE_BACKSTAGE,  { "Sales department", "Verkoopafdeling" } },
};

static const CardSpec b2b_cards[] = {
  { 0, 0, { "Industry event", "Vakbeurs" }, WF_CHANNEL_EVENT, WF_CONTACT_DIRECT, NONE },
  { 1, 0, { "White paper download", "Whitepaper downloaden" }, WF_CHANNEL_WEB, WF_CONTACT_DIRECT, NONE },
  { 2, 0, { "Demo by the account manager", "Demo door de accountmanager" },
    WF_CHANNEL_PHONE, WF_CONTACT_DIRECT, NONE },
  { 0, 1, { "Worried", "Bezorgd" }, NO_CHANNEL, NO_CONTACT, -1 },
  { 2, 1, { "Hopeful", "Hoopvol" }, NO_CHANNEL, NO_CONTACT, 1 },
  { 5, 1, { "Satisfied", "Tevreden" }, NO_CHANNEL, NO_CONTACT, 1 },
  { 2, 2, { "Request for proposal", "Offerteaanvraag" }, WF_CHANNEL_EMAIL, WF_CONTACT_DIRECT, NONE },
  { 2, 3, { "Offers are hard to compare", "Offertes zijn lastig te vergelijken" },
    NO_CHANNEL, NO_CONTACT, NONE },
  { 3, 4, { "Contract review", "Contractbeoordeling" }, WF_CHANNEL_EMAIL, WF_CONTACT_DIRECT, NONE },
  { 3, 5, { "Liability terms arrive late", "Aansprakelijkheidsvoorwaarden komen laat" },
    NO_CHANNEL, NO_CONTACT, NONE },
  { 1, 6, { "Asks colleagues on a forum", "Vraagt collega’s op een forum" },
    WF_CHANNEL_SOCIAL, WF_CONTACT_INDIRECT, NONE },
  { 4, 6, { "Onboarding training", "Training bij de start" }, WF_CHANNEL_EVENT, WF_CONTACT_DIRECT, NONE },
  { 4, 7, { "Overwhelmed", "Overweldigd" }, NO_CHANNEL, NO_CONTACT, -2 },
  { 5, 7, { "Confident", "Zelfverzekerd" }, NO_CHANNEL, NO_CONTACT, 2 },
  { 2, 8, { "Prepares the proposal", "Stelt de offerte op" }, NO_CHANNEL, NO_CONTACT, NONE },
};

/* Service blueprint */

static const PhaseSpec blueprint_phases[] = {
  { { "Discover", "Ontdekken" },
    { "The customer finds the service.", "De klant vindt de dienst." } },
  { { "Request", "Aanvragen" },
    { "The customer asks for the service.", "De klant vraagt de dienst aan." } },
  { { "Receive", "Ontvangen" },
    { "The service is delivered.", "De dienst wordt geleverd." } },
  { { "Support", "Ondersteuning" },
    { "The customer gets help afterwards.", "De klant krijgt daarna hulp." } },
};

static const PersonaSpec blueprint_personas[] = {
  { { "Customer", "Klant" },
    { "Uses the service", "Gebruikt de dienst" },
    { "Get the service without friction.", "De dienst zonder gedoe krijgen." },
    { "To know what happens next.", "Weten wat er hierna gebeurt." },
    { "Repeating the same information.", "Dezelfde informatie herhalen." } },
};

static const LaneSpec blueprint_lanes[] = {
  { 0, WF_LANE_ACTIONS,     { "Customer actions", "Klantacties" } },
  { -1, WF_LANE_TOUCHPOINTS, { "Frontstage", "Frontstage" } },
  { -1, WF_LANE_BACKSTAGE,   { "Backstage", "Backstage" } },
  { -1, WF_LANE_BACKSTAGE,   { "Support processes", "Ondersteunende processen" } },
};

static const CardSpec blueprint_cards[] = {
  { 0, 0, { "Searches for a provider", "Zoekt een aanbieder" }, NO_CHANNEL, NO_CONTACT, NONE },
  { 1, 0, { "Fills in the request form", "Vult het aanvraagformulier in" }, NO_CHANNEL, NO_CONTACT, NONE },
  { 2, 0, { "Receives the service", "Ontvangt de dienst" }, NO_CHANNEL, NO_CONTACT, NONE },
  { 3, 0, { "Calls with a question", "Belt met een vraag" }, NO_CHANNEL, NO_CONTACT, NONE },
  { 0, 1, { "Website", "Website" }, WF_CHANNEL_WEB, WF_CONTACT_DIRECT, NONE },
  { 1, 1, { "Online form", "Online formulier" }, WF_CHANNEL_WEB, WF_CONTACT_DIRECT, NONE },
  { 2, 1, { "Service employee on site", "Servicemedewerker ter plaatse" }, WF_CHANNEL_STORE, WF_CONTACT_DIRECT, NONE },
  { 3, 1, { "Help desk", "Helpdesk" }, WF_CHANNEL_PHONE, WF_CONTACT_DIRECT, NONE },
  { 1, 2, { "Checks the request", "Controleert de aanvraag" }, NO_CHANNEL, NO_CONTACT, NONE },
  { 2, 2, { "Plans the visit", "Plant het bezoek" }, NO_CHANNEL, NO_CONTACT, NONE },
  { 1, 3, { "CRM system", "CRM-systeem" }, NO_CHANNEL, NO_CONTACT, NONE },
  { 2, 3, { "Planning software", "Planningssoftware" }, NO_CHANNEL, NO_CONTACT, NONE },
};

#define SPEC(arr) arr, G_N_ELEMENTS (arr)

static const TemplateSpec templates[] = {
  { "five-phases",
    { "Five phases", "Vijf fasen" },
    { "Awareness, consideration, decision, purchase and aftercare.",
      "Bewustwording, overweging, beslissing, aankoop en nazorg." },
    SPEC (five_phases), SPEC (five_personas), SPEC (five_lanes), SPEC (five_cards) },
  { "funnel",
    { "Funnel with loyalty", "Klantreis als trechter" },
    { "From awareness to purchase, then retention and advocacy.",
      "Van bewustzijn tot aankoop, en daarna behoud en belangenbehartiging." },
    SPEC (funnel_phases), SPEC (funnel_personas), SPEC (funnel_lanes), SPEC (funnel_cards) },
  { "three-phases",
    { "Three phases", "Drie fasen" },
    { "Pre-sales, transaction and post-purchase.",
      "Pre-sales fase, transactiefase en post-aankoopfase." },
    SPEC (three_phases), SPEC (three_personas), SPEC (three_lanes), SPEC (three_cards) },
  { "b2b",
    { "B2B buyer journey", "B2B buyer journey" },
    { "One set of lanes for each member of the buying team.",
      "Een groep banen voor elk lid van het inkoopteam." },
    SPEC (b2b_phases), SPEC (b2b_personas), SPEC (b2b_lanes), SPEC (b2b_cards) },
  { "service-blueprint",
    { "Service blueprint", "Service blueprint" },
    { "Customer actions, frontstage, backstage and support processes.",
      "Klantacties, frontstage, backstage en ondersteunende processen." },
    SPEC (blueprint_phases), SPEC (blueprint_personas), SPEC (blueprint_lanes), SPEC (blueprint_cards) },
};

static const TemplateSpec *
find (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      if (g_strcmp0 (templates[i].id, id) == 0)
        return &templates[i];
    }

  return NULL;
}

static const char *
text (const Text *t,
      const char *lang)
{
  return g_strcmp0 (lang, "nl") == 0 ? t->nl : t->en;
}

/**
 * wf_templates_get_ids:
 *
 * Returns: (transfer none): the ids of the built-in templates, in the
 *   order they are offered
 */
const char * const *
wf_templates_get_ids (void)
{
  static const char *ids[G_N_ELEMENTS (templates) + 1];

  if (ids[0] == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
        ids[i] = templates[i].id;
    }

  return ids;
}

gboolean
wf_templates_has (const char *id)
{
  return find (id) != NULL;
}

/**
 * wf_templates_get_ui_language:
 *
 * Returns: "nl" if the user interface is in Dutch, otherwise "en"
 */
const char *
wf_templates_get_ui_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "nl"))
        return "nl";
      if (g_str_has_prefix (names[i], "en") || g_strcmp0 (names[i], "C") == 0)
        return "en";
    }

  return "en";
}

static const char *
resolve_lang (const char *lang)
{
  return lang != NULL ? lang : wf_templates_get_ui_language ();
}

const char *
wf_templates_get_name (const char *id,
                       const char *lang)
{
  const TemplateSpec *spec = find (id);

  g_return_val_if_fail (spec != NULL, NULL);

  return text (&spec->name, resolve_lang (lang));
}

const char *
wf_templates_get_description (const char *id,
                              const char *lang)
{
  const TemplateSpec *spec = find (id);

  g_return_val_if_fail (spec != NULL, NULL);

  return text (&spec->description, resolve_lang (lang));
}

/**
 * wf_templates_create:
 * @id: a template id, as "five-phases"
 * @lang: (nullable): "en" or "nl", or %NULL for the interface language
 *
 * Returns: (transfer full): a new document from the template
 */
WfDocument *
wf_templates_create (const char *id,
                     const char *lang)
{
  const TemplateSpec *spec = find (id);
  g_autoptr(WfDocument) document = NULL;
  g_autoptr(WfMap) map = NULL;
  g_autoptr(GPtrArray) personas = NULL;
  g_autoptr(GPtrArray) phases = NULL;
  g_autoptr(GPtrArray) lanes = NULL;
  g_autofree char *map_id = NULL;

  g_return_val_if_fail (spec != NULL, NULL);

  lang = resolve_lang (lang);
  document = wf_document_new ();
  wf_document_set_title (document, text (&spec->name, lang));
  wf_document_set_description (document, text (&spec->description, lang));
  wf_document_touch (document);

  personas = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < spec->n_personas; i++)
    {
      const PersonaSpec *ps = &spec->personas[i];
      g_autofree char *pid = wf_document_make_id (document, "persona");
      WfPersona *persona = wf_persona_new (pid, text (&ps->name, lang));

      wf_persona_set_role (persona, text (&ps->role, lang));
      wf_persona_set_color (persona, wf_persona_default_color (i));
      wf_persona_set_goals (persona, text (&ps->goals, lang));
      wf_persona_set_needs (persona, text (&ps->needs, lang));
      wf_persona_set_frustrations (persona, text (&ps->frustrations, lang));
      wf_document_insert_persona (document, persona, -1);
      g_ptr_array_add (personas, persona);
    }

  map_id = wf_document_make_id (document, "map");
  map = wf_map_new (map_id, text (&spec->name, lang));

  phases = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < spec->n_phases; i++)
    {
      g_autofree char *pid = wf_document_make_id (document, "phase");
      WfPhase *phase = wf_phase_new (pid, text (&spec->phases[i].name, lang));

      wf_phase_set_description (phase, text (&spec->phases[i].description, lang));
      wf_map_insert_phase (map, phase, -1);
      g_ptr_array_add (phases, phase);
    }

  lanes = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < spec->n_lanes; i++)
    {
      const LaneSpec *ls = &spec->lanes[i];
      g_autofree char *lid = wf_document_make_id (document, "lane");
      WfLane *lane = wf_lane_new (lid, ls->kind);

      wf_lane_set_title (lane, text (&ls->title, lang));
      if (ls->persona >= 0)
        wf_lane_set_persona (lane, g_ptr_array_index (personas, ls->persona));
      wf_map_insert_lane (map, lane, -1);
      g_ptr_array_add (lanes, lane);
    }

  for (guint i = 0; i < spec->n_cards; i++)
    {
      const CardSpec *cs = &spec->cards[i];
      g_autofree char *cid = wf_document_make_id (document, "card");
      g_autoptr(WfCard) card = wf_card_new (cid, text (&cs->title, lang));

      wf_card_set_channel (card, cs->channel);
      wf_card_set_contact (card, cs->contact);
      wf_card_set_emotion (card, cs->emotion);
      wf_map_insert_card (map, card,
                          g_ptr_array_index (phases, cs->phase),
                          g_ptr_array_index (lanes, cs->lane), -1);
    }

  wf_document_insert_map (document, map, -1);

  return g_steal_pointer (&document);
}
