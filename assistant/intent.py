"""What a chat message asks for, decided by plain rules (no model), and names resolved to candidate ids.

Kinds: "shortlist" (a pasted job description, or "/shortlist <text>"), "compare" ("compare Ana and Ben
[for <role>]"), "fit" ("is Ana a good fit for this role?"), "why" ("why is Ana ranked above Ben?"), "profile"
("tell me about Ana"), "skills_overview" ("what skills does my pool have?"),
"most_experienced" ("who has the most experience with Python?") and "question" (anything else: a question
about the pool).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath
from typing import Literal, NamedTuple

from assistant.pointers import pointed
from core.skills import canonical_skill, find_skills
from core.text import COUNT, count_of

IntentKind = Literal["shortlist", "compare", "fit", "why", "profile", "contact", "location", "similar",
                     "skills_overview", "most_experienced", "history", "job", "delete", "question"]
_WH_IS = re.compile(r"\b(?P<wh>what|where|who|how|when)['’]s\b", re.IGNORECASE)
# "#2", "#2's": a candidate of the list on screen, wherever the question names them
_POINTER = re.compile(r"(?<!\w)(#\d+)(?:['’]s)?(?!\w)")
_POINTER_WITHOUT_APOSTROPHE = re.compile(r"(?<!\w)(#\d+)s(?!\w)")
# What "what about #4?" asks again of someone else, when it was asked of one candidate
_ASKED_OF_ONE = frozenset({"fit", "why", "profile", "contact", "location", "similar", "most_experienced",
                           "question"})

ID_PREFIX_MIN = 6  # shorter prefixes of an id could be a first name
JOB_MIN_CHARS = 200

_SHORTLIST_COMMAND = re.compile(r"^/shortlist\b\s*(?P<job>.*)$", re.IGNORECASE | re.DOTALL)
_COMPARE = re.compile(
    r"^/?compare\s+(?P<who>.+?)"
    r"(?:\s+(?:on|in\s+terms\s+of|regarding)\s+(?:(?!\b(?:for|against)\b).)+?)?"  # "… on education": all of it
    r"(?:\s+(?:for|against)\s+(?P<job>.+))?[\s?.!]*$", re.IGNORECASE | re.DOTALL
)
# "compare the top two Python developers", "compare the 3 best nurses in Texas": the best placed of those a
# description fits, not a pointer at what the chat showed ("the top 3", "the top two candidates").
_BEST = r"(?:top|best|strongest|leading)"
_TOP_OF = re.compile(
    rf"(?:the\s+)?(?:{_BEST}\s+(?P<count>{COUNT})|(?P<count_first>{COUNT})\s+{_BEST})\s+(?P<who>\S.*)",
    re.IGNORECASE | re.DOTALL,
)
_COMPARE_SEPARATOR = re.compile(r"\s*(?:,|&|\band\b|\bvs\.?(?=\s|$)|\bversus\b|\bwith\b)\s*", re.IGNORECASE)
# "how does #1 compare to #2?", "how would Ana compare with Ben for this role?": a comparison
_HOW_COMPARE = re.compile(
    r"^how\s+(?:does|do|would|will)\s+(?P<a>.+?)\s+compare\s+(?:to|with|against)\s+(?P<b>.+?)"
    r"(?:\s+(?:on|in|regarding)\s+(?:(?!\b(?:for|against)\b).)+?)?"  # "… on Java": all of it is compared
    r"(?P<job>\s+(?:for|against)\s+.+?)?[\s?.!]*$", re.IGNORECASE | re.DOTALL)
# "is #1 stronger than #2?", "would Ana be a better fit than Ben?": why one ranks above the other
_BETTER_THAN = re.compile(
    r"^(?:is|would)\s+(?P<a>.+?)\s+(?:be\s+)?(?:an?\s+)?(?P<how>stronger|better|weaker|worse)"
    r"(?:\s+(?:fit|match|candidate|choice))?\s+than\s+(?P<b>.+?)[\s?.!]*$", re.IGNORECASE | re.DOTALL)
# "what does #1 have that #2 doesn't?": the two side by side, requirement by requirement
_HAS_THAT = re.compile(
    r"^what\s+does\s+(?P<a>.+?)\s+have\s+that\s+(?P<b>.+?)\s+(?:doesn['’]?t|does\s+not|lacks?)(?:\s+have)?"
    r"[\s?.!]*$", re.IGNORECASE | re.DOTALL)
# "what about #4?", "and Ben?", "how about the third one?": the previous question asked of them
# (`asked_again`), or, when it was about no one candidate, their profile
_WHAT_ABOUT = re.compile(r"^(?:(?:and\s+)?(?:what|how)\s+about|and)\s+(?P<who>.+?)[\s?.!]*$", re.IGNORECASE)
# "is Ana a good fit for this role?", "would Ben be a strong match for a sous chef job?", "is Ana qualified?",
# "is #2 overqualified?" (the fit answer gives their years against those asked),
# "how well does Ben fit the role?": one candidate against a job (the conversation's when none is named).
_FIT = re.compile(
    r"^(?:is|would|will|could)\s+(?P<who>.+?)\s+(?:be\s+)?(?:an?\s+)?"
    r"(?:(?:good|great|strong|right|the\s+right)\s+)?"
    r"(?:fit|match|suitable|(?:over|under)?qualified)(?:\s+(?:for|to|with)\s+(?P<job>.+?))?[\s?.!]*$"
    r"|^how\s+(?:well\s+)?(?:does|would|do)\s+(?P<who2>.+?)\s+(?:fit|match)"
    r"(?:\s+(?:for|to|with|against)?\s*(?P<job2>.+?))?[\s?.!]*$",
    re.IGNORECASE | re.DOTALL,
)
# "what does #1 lack?", "what is Ana missing for this role?", "what are Ben's gaps?", "where does #2 fall
# short?", "what is missing from #1?", "what skills is #3 missing?", "what are #1's strengths?", "what does
# #2 bring?", "what are the weaknesses of #1?", "any red flags for #3?", "pros and cons of Ana", "what
# concerns do you have about #1?", "does #2 meet all the requirements?": the gaps and strengths are what a
# fit answer tells (must-haves shown and missing), against the conversation's job unless one is named.
_ASPECT = (r"(?:(?:main|biggest|key|major|any|potential|possible)\s+)?"
           r"(?:gaps?|weakness(?:es)?|weak\s+(?:points?|spots?)|shortcomings?|strengths?|strong\s+points?"
           r"|pros\s+and\s+cons|red\s+flags?|concerns?|risks?|downsides?|drawbacks?)"
           r"(?:\s+and\s+(?:weakness(?:es)?|gaps?|cons|concerns?|risks?))?")
_GAPS = re.compile(
    r"^(?:what(?:\s+(?:skills?|requirements?|must[\s-]?haves?|qualifications?))?"
    r"\s+(?:does|is|do|would|can)\s+(?P<who>.+?)\s+(?:lack|lacking|miss|missing|bring|offer)"
    r"(?:\s+to\s+the\s+table)?"
    r"|what\s+is\s+missing\s+(?:from|for|in)\s+(?P<lacker>.+?)(?:['’]s\s+(?:résumé|resume|cv|profile))?"
    rf"|(?:what\s+(?:are|is)\s+)?(?P<owner>.+?)['’]s?\s+{_ASPECT}"
    rf"|(?:(?:what|which)\s+(?:are|is)\s+|(?:are\s+there|is\s+there|do\s+you\s+see|do\s+you\s+have)\s+)?"
    rf"(?:the\s+|any\s+)?{_ASPECT}\s+(?:of|for|with|about|in|on)\s+(?P<subject>.+?)"
    r"|what\s+(?:concerns?|reservations?|doubts?)\s+(?:do|would|could)\s+you\s+have\s+(?:about|with|on)\s+"
    r"(?P<worry>.+?)"
    r"|(?:does|do|would|will)\s+(?P<meeter>.+?)\s+(?:meet|satisfy|fulfil+|tick)\s+(?:all\s+)?(?:of\s+)?"
    r"(?:the|our|your|its|this\s+(?:role|job)['’]s)\s+(?:requirements|must[\s-]?haves|criteria|boxes)"
    # "does Ben have any gaps?" asks of gaps between jobs (history_topic)
    rf"|(?:does|do|did)\s+(?P<haver>.+?)\s+(?:have|show|raise)\s+(?!(?:any\s+)?gaps?\b){_ASPECT}"
    r"|where\s+(?:does|do)\s+(?P<doer>.+?)\s+fall\s+short)"
    r"(?:\s+(?:for|as|against)\s+(?P<job>.+?))?[\s?.!]*$",
    re.IGNORECASE | re.DOTALL,
)
# The same in other words: "why isn't #5 in the top 3?" (against #3), "what would it take for #4 to rank
# first?", "how can Ana rank higher?" (against the one on top), "how far is #6 from #1?", "what separates #1
# and #2?", "what's the difference between Ana and Ben?"
_TO_THE_TOP = (r"\s+(?:rank|be|come|get|move|score|place|end\s+up)\s+(?:to\s+)?(?:the\s+)?"
               r"(?:first|top|#1|number\s+one|higher|better|up|on\s+top|ahead)")
_WHY_IN_OTHER_WORDS = re.compile(
    r"^(?:why\s+(?:is|was)(?:n['’]t)?\s+(?P<a>.+?)\s+(?:not\s+)?(?:in|among|within|part\s+of)\s+the\s+top\s+"
    rf"(?P<n>{COUNT})(?:\s+(?:candidates|ones|people))?"
    rf"|what\s+(?:would|does|will)\s+it\s+take\s+for\s+(?P<a2>.+?)\s+to{_TO_THE_TOP}"
    r"|what\s+(?:would|does|do|should|could|can|must)\s+(?P<a3>.+?)\s+"
    rf"(?:(?:need|have)\s+to(?:\s+do\s+to)?|do\s+to|to){_TO_THE_TOP}"
    rf"|how\s+(?:can|could|would|does|do|might|should)\s+(?P<a4>.+?){_TO_THE_TOP}"
    r"|how\s+far\s+(?:is|was)\s+(?P<a5>.+?)\s+(?:from|behind|below)\s+(?P<b>.+?)"
    r"|what\s+(?:separates|distinguishes|differentiates|sets\s+apart)\s+(?P<a6>.+?)\s+"
    r"(?:and|from|vs\.?|versus)\s+(?P<b2>.+?)"
    r"|what(?:['’]s|\s+is)\s+the\s+(?:main\s+|biggest\s+|key\s+)?difference\s+between\s+(?P<a7>.+?)\s+and"
    r"\s+(?P<b3>.+?))[\s?.!]*$",
    re.IGNORECASE | re.DOTALL)
# "find candidates like #2", "who else is similar to Ana?", "are there others like #1?", "more like #3", "show
# me similar profiles to Ben": those whose résumés read most like theirs
_LIKE = (r"(?:most\s+|more\s+)?(?:similar\s+to|like)\s+(?P<who>.+?)"
         r"(?:['’]s?(?:\s+(?:résumé|resume|profile|cv))?)?")
_SIMILAR = re.compile(
    r"^(?:please\s+)?(?:(?:find|show|get|list|give|suggest)\s+(?:me\s+|us\s+)?(?:\w+\s+){0,2}?"
    r"|(?:who|which\s+(?:other\s+)?(?:candidates?|ones?|people))\s+(?:else\s+)?(?:is|are|looks?|reads?)\s+"
    r"|(?:are\s+there|is\s+there|do\s+we\s+have|have\s+we\s+got)\s+(?:\w+\s+){0,2}?"
    r"|(?:any(?:one|body)\s+else|others?|more|(?:more\s+)?(?:candidates|people|profiles|résumés|resumes))"
    r"\s+)"
    rf"(?:{_LIKE}|similar\s+(?:candidates|people|profiles|résumés|resumes|ones)\s+to\s+(?P<whom>.+?))"
    r"[\s?.!]*$",
    re.IGNORECASE)
# "… #1 in Texas", "… Ana with 5+ years", "the best ones without Kafka": what narrows those listed starts so
NARROWING = r"(?:in|with|without|from|based|who)\b"
_NARROWED_BY = re.compile(rf"^(?P<who>.+?)\s+(?P<rest>{NARROWING}.+)$", re.IGNORECASE | re.DOTALL)
# "what is #1's email?", "Ana's phone number", "contact details of the top 3", "how can I reach Ben?": how to
# reach the candidates named, as their résumés give it
_CONTACT_WORDS = (r"(?:e-?mail(?:\s+address)?|(?:phone|mobile|cell|telephone)(?:\s+number)?|number"
                  r"|contact(?:\s+(?:details|info(?:rmation)?))?)(?:e?s)?")
_CONTACT = re.compile(
    r"^(?:(?:what|where)(?:\s+(?:is|are)|['’]s)\s+|(?:give|show|get|send|find)\s+(?:me\s+|us\s+)?)?"
    rf"(?:the\s+)?(?:(?P<owner>.+?)(?:['’]s?)?\s+{_CONTACT_WORDS}"
    rf"|{_CONTACT_WORDS}\s+(?:of|for)\s+(?P<who>.+?))[\s?.!]*$"
    r"|^how\s+(?:can|do|could|should|would)\s+(?:i|we)\s+"
    r"(?:contact|reach|e-?mail|call|get\s+in\s+touch\s+with)\s+(?P<whom>.+?)[\s?.!]*$",
    re.IGNORECASE)
# "email #1", "draft an outreach message to Ana", "schedule an interview with #2": something to do, which
# the assistant does not do; the answer gives how to reach them
_ACTION = re.compile(
    r"^(?:please\s+|can\s+you\s+|could\s+you\s+)?(?:e-?mail|message|call|phone|text|ring|invite"
    r"|contact(?!\s+(?:details|info|information|numbers?)\b)"
    r"|reach\s+out\s+to|write\s+(?:to|an?\s+(?:e-?mail|message|note)\s+(?:to|for))"
    r"|send\s+(?:an?\s+)?(?:e-?mail|message|invit(?:e|ation)|note|offer|rejection)\s+to"
    r"|draft\s+(?:an?\s+)?(?:outreach\s+)?(?:e-?mail|message|note|invit(?:e|ation)|offer|rejection|outreach)"
    r"\s+(?:to|for)"
    r"|(?:schedule|set\s+up|book|arrange)\s+(?:an?\s+)?(?:\w+\s+)?(?:interview|call|meeting|screen(?:ing)?)"
    r"\s+with)"
    r"\s+(?P<who>.+?)(?:\s+(?:about|for|on|to)\s+.+?)?[\s?.!]*$", re.IGNORECASE | re.DOTALL)
# "delete #3", "remove Ana from the pool": done by the /delete command only, which asks nothing back
_DELETE = re.compile(r"^(?:please\s+|can\s+you\s+|could\s+you\s+)?(?:(?:delete|erase|forget)\s+(?P<who>.+?)"
                     r"(?:\s+from\s+(?:the\s+)?(?:pool|database|system))?"
                     r"|remove\s+(?P<whom>.+?)\s+from\s+(?:the\s+)?(?:pool|database|system))[\s?.!]*$",
                     re.IGNORECASE)
# "where is #1 based?", "where does Ana live?", "where is she from?": the place the résumé gives
_WHERE = re.compile(r"^where\s+(?:is|are|does|do)\s+(?P<who>.+?)\s+(?:based|located|living|live|lives|from)"
                    r"[\s?.!]*$", re.IGNORECASE)
# "what is #1's degree?", "where did she study?", "what languages does Ana Ruiz speak?": the same, with the
# candidate after the question's verb (a name of up to four words, the longest that names someone)
_WH_OF_ONE = re.compile(
    r"^(?P<lead>(?:what|which|where|when|how\s+(?:long|many|much))\b[^?]*?"
    r"\b(?:is|are|was|were|did|does|do|has|have)\s+)(?P<rest>.+)$", re.IGNORECASE | re.DOTALL)
# "what is #1's degree?", "what skills does she have?", "what is #2's current role?": what a profile tells,
# with the quotes
_WHO_IS = re.compile(r"^\W*who(?:\s+is|['’]s)\s", re.IGNORECASE)
_ASKS_PROFILE = re.compile(
    r"\b(?:degrees?|education|stud(?:y|ied)|school|universit(?:y|ies)|college|graduat\w*|skills?|background"
    r"|qualifications?|roles?|positions?|titles?|jobs?|employers?|work(?:ed)?\s+before|(?:work|employment)"
    r"\s+history)\b", re.IGNORECASE)
_ASKS_CONTACT = re.compile(r"\b(?:e-?mail|phone|mobile\s+number|contact\s+(?:details|info))", re.IGNORECASE)
# "does #1 have a degree?", "does Ana know Kubernetes?", "has she worked with Kafka?", "is #2 based in
# Texas?": a pool question about the candidates it names, asked of their résumés only
_ASKED_OF = re.compile(
    r"^(?:does|do|did|has|have|had|is|was|are|were|can|could)\s+(?P<who>.+?)\s+"
    r"(?=(?:have|has|had|know|knows|speak|speaks|hold|holds|own|ever|worked|work|works|use|used|mention"
    r"|mentions|led|lead|manage|managed|study|studied|live|lives|come|comes|been|got|meet|meets|based"
    r"|located|certified|licensed|familiar|experienced|proficient|fluent|skilled|able|an?|any|the|in"
    r"|from|still|currently|pursuing|studying|enrolled)\b)",
    re.IGNORECASE)
# "why is Ana ranked above Ben?", "why is #3 lower than #1?", "why did Ben rank so low?", "why is Ana first?":
# what sets two candidates' ranks apart for the conversation's job (with one named, against the one on top,
# or the runner-up when they are on top themselves).
_WHY = re.compile(
    r"^why\s+(?:is|was|does|did|has|are)(?:n['’]t)?\s+(?P<a>.+?)\s+(?:(?:not|n't)\s+)?"
    r"(?:(?:been\s+)?(?:ranked|rated|scored|placed|listed|rank|score|come|coming|put)\s+)?"
    r"(?:(?:so\s+|much\s+)?(?:(?P<up>higher|better|above|ahead\s+of|over|before)|lower|below|behind|under"
    r"|worse)(?:\s+than)?\s+(?P<b>.+?)|(?P<first>first|top|on\s+top)|last|so\s+high|so\s+low"
    r"|(?:so\s+)?(?:higher|lower|high|low)|(?:at\s+|number\s+|no\.?\s*)?#?\d{1,3}(?:st|nd|rd|th)?)"
    r"(?:\s+(?:for|as)\s+(?P<job>.+?))?[\s?.!]*$",
    re.IGNORECASE | re.DOTALL,
)
_CONVERSATION_JOB = re.compile(
    r"^(?:this|the|that|our|my)\s+(?:role|job|position|opening|vacancy|job description|jd)$|^it$",
    re.IGNORECASE,
)
_PROFILE = re.compile(
    r"^(?:(?:please|can\s+you|could\s+you)\s+)?"
    r"(?:/profile|/show|tell me (?:more )?about|who is|who's|show(?: me)?|profile(?: of)?|summari[sz]e"
    r"|describe|(?:give\s+me\s+)?(?:an?\s+)?(?:(?:short|quick|brief|one-line)\s+)?(?:summary|overview)\s+of)"
    r"\s+(?P<who>.+?)"
    # "summarize #3 in two sentences", "describe Ana briefly": how long, not whom
    r"(?:\s+(?:in\s+(?:a\s+few|an?|one|two|three|\d+)\s+(?:sentences?|lines?|words|paragraphs?|bullet"
    r"(?:\s+point)?s?)|briefly|quickly|for\s+me))?"
    r"[\s?.!]*$"
    # "what does Ana know?", "what has Ana done?", "what is Ana's background?", "Ana's experience?"
    r"|^what\s+(?:does|did|has)\s+(?P<doer>.+?)\s+(?:know|do|done)[\s?.!]*$"
    r"|^(?:what\s+(?:is|are)\s+)?(?P<owner>.+?)['’]s\s+"
    r"(?:background|profile|experience|career|résumé|resume|cv)[\s?.!]*$"
    # "what is her background?", "tell me more about his experience": the candidate the last answer showed
    r"|^(?:what\s+(?:is|are|about)\s+|tell\s+me\s+(?:more\s+)?about\s+)?(?P<possessive>his|her|their)\s+"
    r"(?:background|profile|experience|career|résumé|resume|cv)[\s?.!]*$",
    re.IGNORECASE | re.DOTALL,
)
# ... and the pool as a whole: "summarize the pool", "pool stats", "what is the average experience?", "how
# many candidates do we have?" (the overview counts them).
# "what are the top 5 skills?": how many skills to list (not the first five candidates shown)
SKILLS_COUNTED = re.compile(
    rf"\b(?:top|(?:most\s+)?common|main)\s+(?P<n>{COUNT})\s+skills\b"
    rf"|\b(?P<n2>{COUNT})\s+(?:top|most\s+common|main)\s+skills\b", re.IGNORECASE)
_SKILLS_OVERVIEW = re.compile(
    r"^/skills$|\bskills? (?:overview|summary|breakdown)\b|\b(?:top|(?:most\s+)?common|main|shared) skills\b"
    rf"|{SKILLS_COUNTED.pattern}"
    r"|\bskills\b.*\bin\s+common\b"
    r"|\b(?:what|which) skills\b.*\b(?:pool|candidates|we have|do we|have we|are there|does everyone)\b"
    r"|\b(?:summar(?:y|ize|ise)|overview|stats|statistics|breakdown|describe)\b.*\bpool\b"
    r"|\bpool(?:'s)?\s+(?:summary|overview|stats|statistics|breakdown)\b"
    r"|\b(?:average|median|typical)\s+(?:years\s+of\s+)?experience\b"
    r"|^how\s+many\s+(?:candidates|résumés|resumes|people|applicants|profiles)"
    r"(?:\s+(?:do\s+(?:we|I)\s+have|are\s+there|(?:are\s+)?in\s+(?:the|my|our)\s+pool"
    r"|have\s+we\s+got))?\s*\??$",
    re.IGNORECASE | re.DOTALL,
)
# "how many nurses are there?", "how many candidates know Python?": the group counted, asked as a question
# about the pool ("nurses", "candidates know Python"), whose answer opens with how many there are.
_HOW_MANY = re.compile(
    r"^\s*how\s+many\s+(?P<who>.+?)(?:\s+(?:are\s+there|do\s+(?:we|I)\s+have|have\s+we\s+got"
    r"|(?:are\s+)?in\s+(?:the|my|our)\s+pool))?\s*[?.!]*$", re.IGNORECASE | re.DOTALL)
# "who has the most experience", "the most experienced nurse", "the most Python and SQL experience",
# "most years of experience", "most senior", "longest career", "rank them by experience": an order by years,
# which no passage can answer. "The most recent (relevant, important …) experience" asks about something else,
# and "at most 1 year of experience" for a most.
MOST_EXPERIENCED = re.compile(
    r"\b(?<!at\s)(?:the\s+)?(?:most\s+(?:years(?:\s+of\s+experience)?|experienced|senior"
    r"|(?!(?:recent|relevant|important|valuable|useful|common|typical|impressive|interesting)\b)"
    r"(?P<topic>(?:[\w+#.,]+\s+){0,4}?)experience)"
    r"|longest\s+(?:experience|career)"
    r"|(?:rank|sort|order)(?:ed)?\s+(?:\w+\s+){0,3}?by\s+"
    r"(?:years(?:\s+of\s+(?P<years_of>(?:[\w+#.,]+\s+){0,3}?)experience)?|experience|seniority))\b",
    re.IGNORECASE,
)
# "who is the most junior?", "who has the least Python experience?", "the least experienced nurse": the same
# order, fewest years first
LEAST_EXPERIENCED = re.compile(
    r"\b(?:the\s+)?(?:least\s+(?:years(?:\s+of\s+experience)?|experienced|senior"
    r"|(?P<topic>(?:[\w+#.,]+\s+){0,4}?)experience)|most\s+junior|fewest\s+years(?:\s+of\s+experience)?)\b",
    re.IGNORECASE)
# Work history read from the dated positions (retrieval.history), which no passage can answer: "who has gaps
# in their employment?", "does #2 have a career gap?"; "any job hoppers?", "who changed jobs most often?",
# "who stays longest in a job?"; "who is currently employed?", "who is between jobs?"
_GAPS_ASKED = re.compile(
    r"\b(?:gaps?|breaks?)\s+(?:in|between)\s+(?:(?:their|his|her|the|your|its)\s+)?"
    r"(?:employment|work|career|jobs?|résumés?|resumes?|cvs?|experience|positions?"
    r"|(?:work|employment|job)\s+history)"
    r"|\b(?:employment|career|work|job|résumé|resume|cv)\s+gaps?\b|\bout\s+of\s+work\s+for\b"
    r"|\b(?:any|have|has|had|with|without|no)\s+(?!(?:skills?|knowledge|requirements?|competency|training)\s)"
    r"(?:\w+\s+)?gaps?\b(?!\s+(?:in|of|with|on)\b)", re.IGNORECASE)
_TENURE_ASKED = re.compile(
    r"\bjob[\s-]?hop(?:per|pers|ping|s)?\b|\bchang(?:ed|es|ing|e)\s+(?:jobs|employers|companies)\b"
    r"|\b(?:shortest|longest|average|mean)\s+"
    r"(?:job\s+|time\s+in\s+(?:a|each|one)\s+(?:job|position|role)|stints?)"
    r"|\btenures?\b|\bstay(?:ed|s)?\s+(?:the\s+)?longest\b|\bstays?\s+(?:long|longest)\s+in\b|\bloyal\b",
    re.IGNORECASE)
_LONGEST_FIRST = re.compile(r"\b(?:longest|stay(?:ed|s)?|loyal|long)\b", re.IGNORECASE)
_NOT_CURRENT = re.compile(r"\b(?:un|not\s+)employed\b|\bbetween\s+jobs\b|\bout\s+of\s+work\b"
                          r"|\b(?:not|isn['’]t|aren['’]t)\s+(?:currently\s+)?working\b", re.IGNORECASE)
_CURRENT_ASKED = re.compile(
    r"\b(?:currently|presently|still|now)\s+(?:employed|working|in\s+a\s+(?:job|role|position))\b"
    r"|\b(?:is|are)\s+(?:\w+\s+)?(?:employed|working)\s+(?:now|currently|at\s+the\s+moment|today)\b"
    rf"|{_NOT_CURRENT.pattern}", re.IGNORECASE)
# The conversation's job itself: "what are the must-haves?", "what does this role require?", "summarize the
# job description" (what was read from it); "which requirements are hardest to find?", "what is the most
# common gap?" (how many show each); "who meets all the must-haves?", "how many have every requirement?"
_THE_JOB = r"(?:this|the|our|that)\s+(?:job(?:\s+description|\s+posting)?|jd|role|position|opening|posting)"
_REQUIREMENTS = (r"(?:must[\s-]?haves?|must[\s-]?have\s+skills|requirements?|required\s+skills|qualifications"
                 r"|nice[\s-]to[\s-]haves?|criteria)")
_JOB_SUMMARY = re.compile(
    rf"^(?:what\s+(?:are|were)\s+the\s+{_REQUIREMENTS}(?:\s+(?:for|of|in)\s+{_THE_JOB})?"
    rf"|what\s+(?:does|do|did)\s+{_THE_JOB}\s+(?:require|ask\s+for|need|want|say)"
    rf"|(?:summari[sz]e|describe|recap|show(?:\s+me)?|list)\s+(?:the\s+)?(?:{_THE_JOB}|{_REQUIREMENTS})"
    rf"|what\s+(?:is|was)\s+{_THE_JOB}(?:\s+about)?"
    rf"|what\s+did\s+you\s+(?:read|parse|get|understand|find)\s+(?:from|in)\s+{_THE_JOB})"
    r"(?:\s+(?:now|again|then|so\s+far|here))?[\s?.!]*$",
    re.IGNORECASE)
_COVERAGE = re.compile(
    rf"\b(?:{_REQUIREMENTS}|skills?)\s+(?:are|is)\s+(?:the\s+)?(?:hardest|rarest|most\s+(?:often\s+)?missing"
    r"|least\s+common|hard(?:est)?\s+to\s+find)"
    r"|\bmost\s+common\s+(?:gaps?|missing\s+(?:skills?|requirements?|must[\s-]?haves?))"
    rf"|\bhow\s+many\s+(?:candidates\s+|people\s+)?(?:have|show|meet)\s+each\s+(?:{_REQUIREMENTS}|skill)"
    r"|\b(?:requirement|skill)s?\s+coverage\b|\bwhat\s+(?:do|are)\s+(?:most\s+)?(?:candidates|people)\s+"
    r"(?:lack|lacking|missing)", re.IGNORECASE)
_EVERY_MUST = re.compile(
    r"^(?:who|which\s+(?:candidates?|ones?|people)|how\s+many(?:\s+(?:candidates|people))?"
    r"|(?:is\s+there|are\s+there)\s+any(?:one|body)?|any(?:one|body)|(?:does|is)\s+any(?:one|body))\b.*?"
    r"\b(?:meets?|meeting|has|have|having|shows?|showing|ticks?|ticking|satisf(?:y|ies|ying)|fulfil+s?"
    r"|fulfil+ing|checks?|checking)\s+(?:all|every|each)\s+(?:of\s+)?(?:the\s+|our\s+)?"
    rf"(?:{_REQUIREMENTS}|boxes|must[\s-]?have)", re.IGNORECASE | re.DOTALL)
JobTopic = Literal["summary", "coverage", "every_must"]


def job_topic(text: str) -> JobTopic | None:
    """What a question asks of the conversation's job, if that is what it asks about."""
    text = text.strip()
    if _JOB_SUMMARY.match(text):
        return "summary"
    if _COVERAGE.search(text):
        return "coverage"
    if _EVERY_MUST.search(text):
        return "every_must"
    return None


_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")
_ONE_PRONOUN = re.compile(r"\b(?:she|he|her|him)\b", re.IGNORECASE)
HistoryTopic = Literal["gaps", "shortest_tenure", "longest_tenure", "current", "not_current"]


def history_topic(text: str) -> HistoryTopic | None:
    """What a question asks of the candidates' work history, if that is what it asks about."""
    if _GAPS_ASKED.search(text):
        return "gaps"
    if _TENURE_ASKED.search(text):
        return "longest_tenure" if _LONGEST_FIRST.search(text) else "shortest_tenure"
    if _CURRENT_ASKED.search(text):
        return "not_current" if _NOT_CURRENT.search(text) else "current"
    return None


# "which one is more senior?", "who of them has more experience?": those shown in order of their years
_WHICH_ONE = re.compile(r"^\W*(?:which|who)\s+(?:one|of\s+(?:them|these|those|the\s+\w+)|among\s+them)\b"
                        r"(?!.*\bthan\b)", re.IGNORECASE | re.DOTALL)
# "how many years of experience does Ana have?", "how much Python experience has Ben got?", "how long has #1
# worked as a teacher?": one candidate's ("how long has Ben worked at Google?", neither a role nor a skill, is
# asked of his résumé's passages)
_IN_A_ROLE = re.compile(r"\b(?:as|been)\s+an?\s", re.IGNORECASE)
_YEARS_OF_ONE = re.compile(
    r"^\s*how\s+(?:(?P<long>long)|many\s+years|much\s+(?:[\w+#.]+\s+){0,3}?experience)\b.*?"
    r"\s+(?:does|did|has)\s+"
    r"(?P<who>.+?)\s+(?:have|had|got|gained|worked|been)\b[\s\w]*[?.!]*$",
    re.IGNORECASE | re.DOTALL)
# "who has more experience, Ana Ruiz or Ben Okafor?", "is Ana Ruiz more senior than Ben Okafor?": the named
# candidates in order of their years ("more than 5 years" asks for a minimum instead).
_MORE_EXPERIENCED = re.compile(
    r"\bmore\s+(?P<topic>(?:(?!than\b)[\w+#.,]+\s+){0,4}?)experience\b|\bmore\s+(?:experienced|senior)\b"
    r"|\blonger\s+(?:experience|career)\b",
    re.IGNORECASE,
)
# "which one is more junior, #1 or #2?", "who has less Python experience, Ana or Ben?": the same, fewest first
# ("less than 5 years of experience" asks for a maximum instead)
FEWER_YEARS = re.compile(
    r"\bless\s+(?P<topic>(?:(?!than\b)[\w+#.,]+\s+){0,4}?)experience\b|\bless\s+(?:experienced|senior)\b"
    r"|\bmore\s+junior\b|\bfewer\s+years\b|\bshorter\s+(?:experience|career)\b",
    re.IGNORECASE,
)
_JOB_SIGNALS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\brequirements?\b",
        r"\bresponsibilities\b",
        r"\bqualifications?\b",
        r"\bwe(?: are|'re) (?:looking for|hiring|seeking)\b",
        r"\b\d+\s*\+?\s*(?:years?|yrs)\b[^.\n]{0,30}\bexperience\b",
        r"\bmust[- ]haves?\b|\brequired\b",
        r"\bnice[- ]to[- ]haves?\b|\bpreferred\b|\bbonus\b",
        r"\bwhat you(?:'ll| will) do\b|\byou will\b",
        r"\babout (?:the|this) (?:role|job|position)\b|\bjob description\b",
        r"\bbenefits\b|\bsalary\b|\bhow to apply\b",
        r"\bideal candidate\b|\bjoin (?:our|the) team\b",
    )
)
# Words that show "show me the candidates who…" is a question, not a name.
_BLIND_LABEL = re.compile(r"candidate[- ]([0-9a-z-]+)")  # as blind mode names them, folded
_NOT_A_NAME = {
    "the",
    "a",
    "an",
    "any",
    "all",
    "our",
    "my",
    "some",
    "someone",
    "somebody",
    "anyone",
    "anybody",
    "everyone",
    "everybody",
    "people",
    "candidates",
    "those",
    "these",
    "best",
    "most",
    "top",
    "good",
    "strongest",
    "who",
    "which",
    "that",
    "with",
    "at",
    "in",
    "for",
    "from",
    "of",
    "has",
    "have",
    "knows",
    "can",
    "me",
    "us",
    "them",
    "more",
    "experienced",
    "senior",
    "junior",
    "this",
    "candidate",
    "it",
    "he",
    "she",
    "they",
    "him",
    "her",
}


class CandidateRef(NamedTuple):
    """What a recruiter may call a candidate by; name and file are None in blind mode."""

    id: str
    name: str | None
    file: str | None


@dataclass(frozen=True)
class Resolution:
    ids: tuple[str, ...]  # resolved, in the order written, each once
    ambiguous: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (reference, the ids it could be)
    not_found: tuple[str, ...] = ()
    not_shown: tuple[str, ...] = ()  # pointers ("#12", "her") at no candidate the last answer showed

    @property
    def complete(self) -> bool:
        return not self.ambiguous and not self.not_found and not self.not_shown

    @property
    def any(self) -> bool:
        """Something was resolved, or was meant as a reference: not a question about the pool."""
        return bool(self.ids or self.ambiguous or self.not_shown)


@dataclass(frozen=True)
class Intent:
    kind: IntentKind
    text: str  # the message; for "shortlist", the job description
    references: tuple[str, ...] = ()  # names or ids as written ("profile", "compare")
    resolution: Resolution | None = None  # the references resolved against the pool
    job: str | None = None  # "compare", "fit", "why": the job the message names; None: the conversation's
    # "compare the top two Python developers": how many to compare and whom the description fits
    best_of: tuple[int, str] | None = None


def detect_intent(message: str, candidates: Sequence[CandidateRef] = (), shown: Sequence[str] = (),
                  focus: Sequence[str] | None = None) -> Intent:
    """The intent of one chat message; names are resolved against `candidates`, and pointers ("#2", "her",
    "the top 3") against `shown`: the ids of the list on screen, in its order, and `focus`, those the last
    answer was about ("he" after "is Oskar a good fit?"; `pointed`)."""
    def resolve(references: Sequence[str], *, one: bool = False) -> Resolution:
        return resolve_references(references, candidates, shown, one=one, focus=focus)

    def names_two(match: re.Match[str]) -> bool:  # "is #1 stronger than #2?" names two candidates
        both = [_clean_reference(match[g]) for g in ("a", "b")]
        found = [resolve((r,)).any for r in both]
        # "is Ana a better fit than Zed Quill?" with no Zed in the pool: said so, not searched for
        return (all(_may_name_someone(r) for r in both) and any(found)
                and all(f or _written_as_a_name(r) for r, f in zip(both, found, strict=True)))

    text = message.strip()
    command = _SHORTLIST_COMMAND.match(text)
    if command:
        return Intent("shortlist", command.group("job").strip())
    if how := _HOW_COMPARE.match(text):  # "how does #1 compare to #2?"
        text = f"compare {how['a']} and {how['b']}{how['job'] or ''}"
    elif (has := _HAS_THAT.match(text)) and names_two(has):
        text = f"compare {has['a']} and {has['b']}"
    elif (better := _BETTER_THAN.match(text)) and names_two(better):  # not "is Python better than Go?"
        above = better["how"].lower() in ("stronger", "better")
        text = f"why is {better['a']} ranked {'above' if above else 'below'} {better['b']}?"
    compare = _COMPARE.match(text)
    if compare:
        job = (compare.group("job") or "").strip().rstrip("?.!").strip()
        job = None if not job or _CONVERSATION_JOB.match(job) else job
        if best := best_of(compare.group("who")):
            return Intent("compare", text, (), None, job, best)
        references = tuple(
            r for r in (_clean_reference(p) for p in _COMPARE_SEPARATOR.split(compare.group("who"))) if r
        )
        return Intent("compare", text, references, resolve(references), job)
    if looks_like_job_description(text):
        return Intent("shortlist", text)
    text = _WH_IS.sub(r"\g<wh> is", text)  # "what's #4's education?" (a job's text is kept as written)
    text = _POINTER_WITHOUT_APOSTROPHE.sub(r"\1's", text)  # "what are #2s strengths?"
    why = _WHY.match(text)
    if why:
        written = (why.group("a"), why.group("b") or "")
        references = tuple(r for r in map(_clean_reference, written) if r)
        resolution = resolve(references, one=True)
        a_skill = not resolution.ids and any(find_skills(r) for r in references)  # "why is Python first?"
        if not a_skill and (resolution.any or all(_looks_like_name(r) for r in references)):
            job = (why.group("job") or "").strip()
            return Intent("why", text, references, resolution,
                          None if not job or _CONVERSATION_JOB.match(job) else job)
    if other := _WHY_IN_OTHER_WORDS.match(text):
        top = f"#{count_of(other['n'])}" if other["n"] else ""  # "… in the top 3?": against #3
        written = (_first_group(other, "a", "a2", "a3", "a4", "a5", "a6", "a7"),
                   _first_group(other, "b", "b2", "b3") or top)
        references = tuple(r for r in map(_clean_reference, written) if r)
        resolution = resolve(references, one=True)
        if resolution.any or all(_written_as_a_name(r) for r in references):
            return Intent("why", text, references, resolution)
    if similar := _SIMILAR.match(text):
        reference = _clean_reference(_first_group(similar, "who", "whom"))
        resolution = resolve((reference,), one=True)
        if not resolution.any and (narrowed := _NARROWED_BY.match(reference)):  # "like #1 in Texas"
            reference = _clean_reference(narrowed["who"])
            resolution = resolve((reference,), one=True)
        a_skill = not resolution.ids and bool(find_skills(reference))  # "find people like Python developers"
        if not a_skill and (resolution.any or _written_as_a_name(reference)):
            return Intent("similar", text, (reference,), resolution)
    fit = _FIT.match(text) or _GAPS.match(text)
    if fit:
        reference = _clean_reference(_first_group(fit, "who", "who2", "owner", "doer", "lacker", "subject",
                                                   "worry", "meeter", "haver"))
        resolution = resolve((reference,), one=True)
        a_skill = not resolution.ids and bool(find_skills(reference))  # "is Python a good fit for data work?"
        if not a_skill and (resolution.any or _looks_like_name(reference)):
            job = _first_group(fit, "job", "job2").strip()
            return Intent("fit", text, (reference,), resolution,
                          None if not job or _CONVERSATION_JOB.match(job) else job)
    if history_topic(text):  # "who has gaps in their employment?", "does #2 have a career gap?"
        pointers = resolve(tuple(m[1] for m in _POINTER.finditer(text)))
        named = tuple(dict.fromkeys((*names_in(text, candidates), *ids_in(text, candidates), *pointers.ids,
                                     *_first_names(text, resolve))))
        if named or pointers.not_shown:
            return Intent("history", text, resolution=Resolution(named, not_shown=pointers.not_shown))
        if pronoun := _ONE_PRONOUN.search(text):  # "does she have any gaps?": whom the last answer was about
            return Intent("history", text, (pronoun[0],), resolve((pronoun[0],), one=True))
        return Intent("history", text)
    if job_topic(text):  # "what are the must-haves?", "who meets all the requirements?"
        return Intent("job", text)
    if where := _WHERE.match(text):
        reference = _clean_reference(where["who"])
        resolution = resolve((reference,))
        if resolution.any or _written_as_a_name(reference):  # "where is the company based?" is a question
            return Intent("location", text, (reference,), resolution)
    if (delete := _DELETE.match(text)) and (
            resolution := resolve((reference := _clean_reference(_first_group(delete, "who", "whom")),))).any:
        return Intent("delete", text, (reference,), resolution)
    if action := _ACTION.match(text):
        reference = _clean_reference(action["who"])
        if (resolution := resolve((reference,))).any:  # "email the team" names no candidate
            return Intent("contact", text, (reference,), resolution)
    if contact := _CONTACT.match(text):
        reference = _clean_reference(_first_group(contact, "owner", "who", "whom"))
        resolution = resolve((reference,))
        if resolution.any:  # "the company's phone number" names no candidate: a question
            return Intent("contact", text, (reference,), resolution)
    if about := _WHAT_ABOUT.match(text):  # "what about #4?"
        reference = _clean_reference(about["who"])
        if (resolution := resolve((reference,), one=True)).any:
            return Intent("profile", text, (reference,), resolution)
    profile = _PROFILE.match(text)
    if profile:
        reference = _clean_reference(profile.group("who") or profile.group("doer") or profile.group("owner")
                                     or profile.group("possessive"))
        resolution = resolve((reference,), one=True)
        if not profile.group("who") and not resolution.ids and find_skills(reference):
            return Intent("question", text)  # "what does DevOps do?" asks about a skill, not a person
        # "show me people with Go" is a question; "tell me about Zed" with no Zed is a name not found; "who is
        # bilingual?" is a question, "who is Zed Quill?" a name: after "who is", a name is written as one.
        named = _written_as_a_name(reference) if _WHO_IS.match(text) else _looks_like_name(reference)
        if resolution.any or named:
            return Intent("profile", text, (reference,), resolution)
    if _SKILLS_OVERVIEW.search(text):
        return Intent("skills_overview", text)
    if MOST_EXPERIENCED.search(text) or LEAST_EXPERIENCED.search(text):
        return Intent("most_experienced", text)
    # "who has more experience, #1 or #2?", "is Ana more senior than Ben?", "which one is more junior?"
    if _MORE_EXPERIENCED.search(text) or FEWER_YEARS.search(text):
        pointers = resolve(tuple(m[1] for m in _POINTER.finditer(text)))
        named = tuple(dict.fromkeys((*names_in(text, candidates), *ids_in(text, candidates), *pointers.ids)))
        if len(named) >= 2 or named and pointers.not_shown:  # "#12" of 10 shown is said so
            resolution = Resolution(named, not_shown=pointers.not_shown)
            return Intent("most_experienced", text, resolution=resolution)
        if not named and _WHICH_ONE.match(text):
            return Intent("most_experienced", text)
    years = _YEARS_OF_ONE.match(text)  # "how many years of Python does Ana have?": hers, quoted
    if years and (not years["long"] or _IN_A_ROLE.search(text) or find_skills(text)):
        reference = _clean_reference(years["who"])
        resolution = resolve((reference,), one=True)
        if resolution.any or _looks_like_name(reference):
            return Intent("most_experienced", text, (reference,), resolution)
    asked_of = _ASKED_OF.match(text)  # asked of those named; the text without them is what is asked
    if asked_of and _may_name_someone(reference := _clean_reference(asked_of["who"])):
        resolution = resolve((reference,))
        if resolution.any:
            asked = text[: asked_of.start("who")] + text[asked_of.end("who"):]
            # "does Ana have an email?" asks how to reach her
            kind = "contact" if _ASKS_CONTACT.search(asked) else "question"
            return Intent(kind, asked, (reference,), resolution)
    if wh := _WH_OF_ONE.match(text):
        words = wh["rest"].split()
        for n in range(min(4, len(words) - 1), 0, -1):  # something must be asked after the name
            reference = _clean_reference(" ".join(words[:n]))
            if not _may_name_someone(reference):
                continue
            resolution = resolve((reference,))
            if resolution.any:
                asked = wh["lead"] + " ".join(words[n:])
                kind: IntentKind = "contact" if _ASKS_CONTACT.search(asked) else "question"
                if kind == "question" and len(resolution.ids) <= 1 and _ASKS_PROFILE.search(asked):
                    return Intent("profile", text, (reference,), resolution)  # their education, skills
                return Intent(kind, asked, (reference,), resolution)
    if (pointer := _POINTER.search(text)) and (resolution := resolve((pointer[1],))).any:
        # "is #2 overqualified?", "what did #1 do at Google?": asked of them, whatever the wording
        return Intent("question", text[: pointer.start()] + text[pointer.end():], (pointer[1],), resolution)
    return Intent("question", text)


def is_action(text: str) -> bool:
    """ "Email #1", "schedule an interview with Ana": something to do rather than something to know."""
    return _ACTION.match(text.strip()) is not None


def asked_again(message: str, previous: str | None, candidates: Sequence[CandidateRef] = (),
                shown: Sequence[str] = (), focus: Sequence[str] | None = None) -> str | None:
    """ "What about #4?" or "and Ben?" after a question about one candidate ("is #3 a good fit?", "does Ana
    know Go?", "what is her email?") asks it again of the one named now: the previous question with its
    reference replaced ("is #4 a good fit?"). None when the message is no such follow-up, names nobody, or
    the previous question was about several or none ("what about #4?" then tells about #4)."""
    about = _WHAT_ABOUT.match(message.strip())
    if about is None or not previous:
        return None
    reference = _clean_reference(about["who"])
    if not _may_name_someone(reference) or not resolve_references(
            (reference,), candidates, shown, one=True, focus=focus).any:
        return _asked_of_another_skill(reference, previous)
    before = detect_intent(previous, candidates, shown, focus)
    if before.kind not in _ASKED_OF_ONE or len(before.references) != 1:
        return None
    was = before.references[0]
    written = re.search(rf"(?<!\w){re.escape(was)}(?!\w)(?=(?P<noun>\s+\w)?)", previous, re.IGNORECASE)
    if written is None:
        return None
    # "what is her email?" -> "what is #4's email?"; "tell me about her" -> "tell me about #4"
    possessive = was.lower() in ("his", "their") or was.lower() == "her" and written["noun"] is not None
    return previous[: written.start()] + reference + ("'s" if possessive else "") + previous[written.end():]


def _asked_of_another_skill(skill: str, previous: str) -> str | None:
    """ "What about Excel?" after "who knows QuickBooks?" asks "who knows Excel?": the previous question's one
    skill, as written, replaced by the one named now. None unless both name one skill, and nothing more."""
    now, before = canonical_skill(skill), [name for name, _ in find_skills(previous)]
    if now is None or len(before) != 1 or now == before[0]:
        return None
    words = list(re.finditer(r"[\w+#]+(?:[./-][\w+#]+)*", previous))
    for n in (4, 3, 2, 1):  # the longest run of words that is the skill: "Microsoft Excel", not "Excel"
        for first in range(len(words) - n + 1):
            start, end = words[first].start(), words[first + n - 1].end()
            if canonical_skill(previous[start:end]) == before[0]:
                return previous[:start] + skill + previous[end:]
    return None


def why_premise(text: str) -> Literal["above", "below", "first"] | None:
    """What a "why" question takes for granted: that the first named ranks above the second ("why is Ana
    above Ben?"), below ("why is Ben behind Ana?"), or first of all ("why is Ana on top?"). A question
    whose premise is wrong gets told so before the reasons."""
    why = _WHY.match(text.strip())
    if why is None or re.search(r"\bnot\b|n['’]t\b", why.group(0), re.IGNORECASE):
        return None
    if why.group("b"):
        return "above" if why.group("up") else "below"
    return "first" if why.group("first") else None


def experience_topic(text: str) -> str:
    """A "most experienced" question without the words that ask for the order, keeping what it is about:
    "who has the most Python experience in Texas?" -> "who has Python in Texas?"."""
    def keep(match: re.Match[str]) -> str:
        found = match.groupdict()
        return f" {found.get('topic') or found.get('years_of') or ''} "

    for asking in (MOST_EXPERIENCED, LEAST_EXPERIENCED, _MORE_EXPERIENCED, FEWER_YEARS):
        text = asking.sub(keep, text)
    return text


def looks_like_job_description(text: str) -> bool:
    """A pasted job posting: long, with several of the phrases postings are made of."""
    if len(text) < JOB_MIN_CHARS:
        return False
    signals = sum(1 for pattern in _JOB_SIGNALS if pattern.search(text))
    return signals >= 3 or (signals >= 2 and text.count("\n") >= 3)


def resolve_references(references: Sequence[str], candidates: Sequence[CandidateRef],
                       shown: Sequence[str] = (), *, one: bool = False, focus: Sequence[str] | None = None
                       ) -> Resolution:
    """Names, ids, id prefixes or file names to candidate ids. Safe rather than clever: exact id, the id
    behind a blind label ("Candidate 1a2b3c4d"), full name, file name, a unique id prefix, then a unique
    name made of the words written ("Ana", "Ruiz", "Ana Ruiz" for "Ana María Ruiz"). A pointer ("#2", "her",
    "them") picks from `shown` ("her" from `focus` when given: `pointed`); with `one` (a profile, a fit) a
    pointer at several is ambiguous."""
    ids: list[str] = []
    ambiguous: list[tuple[str, tuple[str, ...]]] = []
    not_found: list[str] = []
    not_shown: list[str] = []
    for reference in references:
        picks = pointed(reference, shown, focus)
        if picks is not None:
            picked, singular = picks
            picked = tuple(i for i in picked if i)  # "" stands for one shown who has since been deleted
            if not picked:
                not_shown.append(reference)
            elif len(picked) > 1 and (singular or one):
                ambiguous.append((reference, picked))
            else:
                ids += [i for i in picked if i not in ids]
            continue
        matches = _matches(reference, candidates)
        if len(matches) == 1:
            if matches[0] not in ids:
                ids.append(matches[0])
        elif matches:
            ambiguous.append((reference, tuple(matches)))
        else:
            not_found.append(reference)
    return Resolution(tuple(ids), tuple(ambiguous), tuple(not_found), tuple(not_shown))


def counted(message: str) -> str | None:
    """ "how many nurses are there?" -> "nurses": what a "how many" question counts, to ask of the pool."""
    match = _HOW_MANY.match(message)
    return match["who"].strip() if match else None


def best_of(reference: str) -> tuple[int, str] | None:
    """"the top two Python developers" -> (2, "Python developers"): how many of the best placed and whom the
    description fits; None for anything else, a pointer at what the chat showed included ("the top 3")."""
    reference = _clean_reference(reference)
    match = _TOP_OF.fullmatch(reference)
    if match is None or pointed(reference, ()) is not None:
        return None
    count = (match["count"] or match["count_first"]).lower()
    return count_of(count), match["who"].strip()


def names_in(message: str, candidates: Sequence[CandidateRef]) -> tuple[str, ...]:
    """Candidates whose full name (two words or more) the message writes out, wherever it stands ("is Ben
    Okafor a good fit?"), case and accents ignored; file names likewise. None in blind mode (no names)."""
    text = f" {_words(message)} "
    return tuple(c.id for c in candidates if any(s in text for s in _full_spellings(c.name, c.file)))


def ids_in(message: str, candidates: Sequence[CandidateRef]) -> tuple[str, ...]:
    """Candidates whose id, or an id prefix of one candidate alone, the message writes out, as blind mode
    shows them ("Candidate 1a2b3c4d")."""
    tokens = re.findall(rf"\b[0-9a-f]{{{ID_PREFIX_MIN},32}}\b", message.lower())
    return resolve_references(tokens, candidates).ids


@lru_cache(maxsize=100_000)
def _full_spellings(name: str | None, file: str | None) -> tuple[str, ...]:
    """A candidate's name and file name as " word word " to find in a message; cached because every chat
    message is checked against the whole pool (folding 10,000 names took ~40 ms a message)."""
    spellings = (_words(x) for x in (name, file) if x)
    return tuple(f" {s} " for s in spellings if len(s.split()) >= 2)


def _words(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", _fold(text)))


@lru_cache(maxsize=100_000)
def _folded(name: str | None, file: str | None) -> tuple[str, tuple[str, ...], frozenset[str]]:
    """A candidate's name folded, its words, and its file name folded with and without the extension;
    cached because a message may try several references against the whole pool ("what languages does Ana
    Ruiz speak?" tries "Ana Ruiz speak", "Ana Ruiz", …: folding 10,000 names each time took ~80 ms)."""
    folded = _fold(name or "")
    files = frozenset({_fold(file), _fold(PurePath(file).stem)}) if file else frozenset()
    return folded, tuple(folded.split()), files


def _matches(reference: str, candidates: Sequence[CandidateRef]) -> list[str]:
    key = _fold(reference)
    label = _BLIND_LABEL.fullmatch(key)
    id_key = label.group(1) if label else key
    words = key.split()
    rules = (
        lambda c: c.id.lower() == id_key,
        lambda c: bool(c.name) and _folded(c.name, c.file)[0] == key,
        lambda c: key in _folded(c.name, c.file)[2],
        lambda c: len(id_key) >= ID_PREFIX_MIN and c.id.lower().startswith(id_key),
        lambda c: bool(c.name) and _contains_words(list(_folded(c.name, c.file)[1]), words),
    )
    for rule in rules:
        found = [c.id for c in candidates if rule(c)]
        if found:
            return found
    return []


def _contains_words(name: list[str], words: list[str]) -> bool:
    """Every written word is a word of the name, in the name's order."""
    position = 0
    for word in words:
        try:
            position = name.index(word, position) + 1
        except ValueError:
            return False
    return bool(words)


def _fold(text: str) -> str:
    """Case, accents and spacing ignored: "José  Núñez" and "jose nunez" are one name."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def _first_names(text: str, resolve: Callable[..., Resolution]) -> list[str]:
    """The candidates that capitalised words after the question's first word name alone ("is Ben still
    working?"), where only one candidate is so called."""
    found: list[str] = []
    for written in _CAPITALISED.findall(text.split(maxsplit=1)[-1] if " " in text.strip() else ""):
        if _looks_like_name(written) and len(ids := resolve((written,), one=True).ids) == 1:
            found += ids
    return found


def _first_group(match: re.Match[str], *names: str) -> str:
    """The first of these named groups the pattern has and the match filled ("" for none)."""
    found = match.groupdict()
    return next((found[name] for name in names if found.get(name)), "")


def _clean_reference(text: str) -> str:
    text = text.strip().strip("\"'“”‘’`").strip()
    # "Ana's" / "Ana's résumé" / "#3's work history" / "Ana's education and skills" → "Ana", "#3"
    topic = (r"(?:résumé|resume|cv|profile|(?:work\s+|employment\s+)?history|experience|background|career"
             r"|details|education|skills|info(?:rmation)?)")
    text = re.sub(rf"['’]s(?:\s+{topic}(?:\s*(?:,|and|&)\s*(?:(?:her|his|their)\s+)?{topic})*)?$", "", text)
    return text.rstrip("?.!,;:").strip()


def _may_name_someone(reference: str) -> bool:
    """Worth looking up in the pool: a pointer ("#2", "she"), a blind label ("Candidate 1a2b3c4d"), or words
    a name may be made of ("the capital of France" is none). Each look-up reads every candidate."""
    return (pointed(reference, ()) is not None or _looks_like_name(reference)
            or _BLIND_LABEL.fullmatch(_fold(reference)) is not None)


def _written_as_a_name(text: str) -> bool:
    """ "Zed Quill", not "Python" or "the average nurse": capitalised words that name no skill."""
    return _looks_like_name(text) and all(w[:1].isupper() for w in text.split()) and not find_skills(text)


def _looks_like_name(text: str) -> bool:
    words = _fold(text).split()
    return 1 <= len(words) <= 4 and not any(w in _NOT_A_NAME for w in words)
