<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>CampaignBuilderDialog</name>
        <message numerus="yes">
            <source>%Ln person(s) to call, best first.</source>
            <translation>
                <numerusform>%Ln person to call, best first.</numerusform>
                <numerusform>%Ln people to call, best first.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln person(s) on the list, best first: {called} to call, {kept} kept uncalled to measure what the calls change.</source>
            <translation>
                <numerusform>%Ln person on the list, best first: {called} to call, {kept} kept uncalled to measure what the calls change.</numerusform>
                <numerusform>%Ln people on the list, best first: {called} to call, {kept} kept uncalled to measure what the calls change.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CampaignCard</name>
        <message numerus="yes">
            <source>%Ln success(es)</source>
            <translation>
                <numerusform>%Ln success</numerusform>
                <numerusform>%Ln successes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln positive</source>
            <translation>
                <numerusform>%Ln positive</numerusform>
                <numerusform>%Ln positive</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln neutral</source>
            <translation>
                <numerusform>%Ln neutral</numerusform>
                <numerusform>%Ln neutral</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln negative</source>
            <translation>
                <numerusform>%Ln negative</numerusform>
                <numerusform>%Ln negative</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln do-not-call</source>
            <translation>
                <numerusform>%Ln do-not-call</numerusform>
                <numerusform>%Ln do-not-call</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CampaignView</name>
        <message numerus="yes">
            <source>{done} of %Ln success(es)</source>
            <translation>
                <numerusform>{done} of %Ln success</numerusform>
                <numerusform>{done} of %Ln successes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln success(es), no goal set</source>
            <translation>
                <numerusform>%Ln success, no goal set</numerusform>
                <numerusform>%Ln successes, no goal set</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln call(s) to make</source>
            <translation>
                <numerusform>%Ln call to make</numerusform>
                <numerusform>%Ln calls to make</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Control group: %Ln member(s), not called — compared in the report (Did the calls work?).</source>
            <translation>
                <numerusform>Control group: %Ln member, not called — compared in the report (Did the calls work?).</numerusform>
                <numerusform>Control group: %Ln members, not called — compared in the report (Did the calls work?).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln call(s) written to {path}.</source>
            <translation>
                <numerusform>%Ln call written to {path}.</numerusform>
                <numerusform>%Ln calls written to {path}.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ControlComparison</name>
        <message numerus="yes">
            <source>Too early to tell: {ended} of %Ln control member(s)' periods have ended.</source>
            <translation>
                <numerusform>Too early to tell: {ended} of %Ln control member' periods have ended.</numerusform>
                <numerusform>Too early to tell: {ended} of %Ln control members' periods have ended.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The calls added %Ln renewal(s) (95% CI {low} to {high}).</source>
            <translation>
                <numerusform>The calls added %Ln renewal (95% CI {low} to {high}).</numerusform>
                <numerusform>The calls added %Ln renewals (95% CI {low} to {high}).</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CrashDialog</name>
        <message numerus="yes">
            <source>It happened %n time(s) so far.</source>
            <translation>
                <numerusform>It happened %n time so far.</numerusform>
                <numerusform>It happened %n times so far.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ExchangePage</name>
        <message numerus="yes">
            <source>%Ln call(s) came back from {partner}.</source>
            <translation>
                <numerusform>%Ln call came back from {partner}.</numerusform>
                <numerusform>%Ln calls came back from {partner}.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ImportListsView</name>
        <message numerus="yes">
            <source>%Ln row(s) saved to {path}.</source>
            <translation>
                <numerusform>%Ln row saved to {path}.</numerusform>
                <numerusform>%Ln rows saved to {path}.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MappingPage</name>
        <message numerus="yes">
            <source>Confirm the %Ln column(s) highlighted ({names}): their guess rests on weak evidence (see Why). Tick Confirm to import them as shown, or choose another field or “Ignore”.</source>
            <translation>
                <numerusform>Confirm the %Ln column highlighted ({names}): their guess rests on weak evidence (see Why). Tick Confirm to import them as shown, or choose another field or “Ignore”.</numerusform>
                <numerusform>Confirm the %Ln columns highlighted ({names}): their guess rests on weak evidence (see Why). Tick Confirm to import them as shown, or choose another field or “Ignore”.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>OutcomesDialog</name>
        <message numerus="yes">
            <source>%Ln outcome(s)</source>
            <translation>
                <numerusform>%Ln outcome</numerusform>
                <numerusform>%Ln outcomes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln new contact(s)</source>
            <translation>
                <numerusform>%Ln new contact</numerusform>
                <numerusform>%Ln new contacts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln row(s) unchanged</source>
            <translation>
                <numerusform>%Ln row unchanged</numerusform>
                <numerusform>%Ln rows unchanged</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln conflict(s)</source>
            <translation>
                <numerusform>%Ln conflict</numerusform>
                <numerusform>%Ln conflicts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln call(s) back from the partner</source>
            <translation>
                <numerusform>%Ln call back from the partner</numerusform>
                <numerusform>%Ln calls back from the partner</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PartnerExportDialog</name>
        <message numerus="yes">
            <source>of %Ln call(s) nobody holds, the best first</source>
            <translation>
                <numerusform>of %Ln call nobody holds, the best first</numerusform>
                <numerusform>of %Ln calls nobody holds, the best first</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln held by callers</source>
            <translation>
                <numerusform>%Ln held by callers</numerusform>
                <numerusform>%Ln held by callers</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln callback(s) booked by staff</source>
            <translation>
                <numerusform>%Ln callback booked by staff</numerusform>
                <numerusform>%Ln callbacks booked by staff</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln handed off to staff</source>
            <translation>
                <numerusform>%Ln handed off to staff</numerusform>
                <numerusform>%Ln handed off to staff</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln already with a partner</source>
            <translation>
                <numerusform>%Ln already with a partner</numerusform>
                <numerusform>%Ln already with a partner</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln assigned to other callers or partners</source>
            <translation>
                <numerusform>%Ln assigned to other callers or partners</numerusform>
                <numerusform>%Ln assigned to other callers or partners</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Writing %Ln call(s) to {file}…</source>
            <translation>
                <numerusform>Writing %Ln call to {file}…</numerusform>
                <numerusform>Writing %Ln calls to {file}…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln call(s) written to {file}, protected by the password. They are with {partner} now: out of the console and of the next export until the worked file comes back or you release them. Send {partner} the password apart from the file (by phone, or in another message).</source>
            <translation>
                <numerusform>%Ln call written to {file}, protected by the password. They are with {partner} now: out of the console and of the next export until the worked file comes back or you release them. Send {partner} the password apart from the file (by phone, or in another message).</numerusform>
                <numerusform>%Ln calls written to {file}, protected by the password. They are with {partner} now: out of the console and of the next export until the worked file comes back or you release them. Send {partner} the password apart from the file (by phone, or in another message).</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PlanPage</name>
        <message numerus="yes">
            <source>%n call(s)</source>
            <translation>
                <numerusform>%n call</numerusform>
                <numerusform>%n calls</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Bring in a call partner in %n month(s): {months}.</source>
            <translation>
                <numerusform>Bring in a call partner in %n month: {months}.</numerusform>
                <numerusform>Bring in a call partner in %n months: {months}.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n caller(s)</source>
            <translation>
                <numerusform>%n caller</numerusform>
                <numerusform>%n callers</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n hour(s)</source>
            <translation>
                <numerusform>%n hour</numerusform>
                <numerusform>%n hours</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{event} ({day}): %n person(s) to call in {month}</source>
            <translation>
                <numerusform>{event} ({day}): %n person to call in {month}</numerusform>
                <numerusform>{event} ({day}): %n people to call in {month}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PreviewPage</name>
        <message numerus="yes">
            <source>%Ln row(s) read.</source>
            <translation>
                <numerusform>%Ln row read.</numerusform>
                <numerusform>%Ln rows read.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SheetPage</name>
        <message numerus="yes">
            <source>Row {row} of {where} holds the column names; about %Ln row(s) follow.</source>
            <translation>
                <numerusform>Row {row} of {where} holds the column names; about %Ln row follows.</numerusform>
                <numerusform>Row {row} of {where} holds the column names; about %Ln rows follow.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SummaryPage</name>
        <message numerus="yes">
            <source>%Ln row(s) saved to {path}.</source>
            <translation>
                <numerusform>%Ln row saved to {path}.</numerusform>
                <numerusform>%Ln rows saved to {path}.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TopUpDialog</name>
        <message numerus="yes">
            <source>Of them, %Ln kept uncalled in the control group, as the campaign keeps its share.</source>
            <translation>
                <numerusform>Of them, %Ln kept uncalled in the control group, as the campaign keeps its share.</numerusform>
                <numerusform>Of them, %Ln kept uncalled in the control group, as the campaign keeps its share.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>WhyOrderDialog</name>
        <message numerus="yes">
            <source>%Ln call(s) whose result is known</source>
            <translation>
                <numerusform>%Ln call whose result is known</numerusform>
                <numerusform>%Ln calls whose result is known</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln member(s) due without a call</source>
            <translation>
                <numerusform>%Ln member due without a call</numerusform>
                <numerusform>%Ln members due without a call</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>_Counted</name>
        <message numerus="yes">
            <source>%Ln success(es)</source>
            <translation>
                <numerusform>%Ln success</numerusform>
                <numerusform>%Ln successes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>one every %Ln day(s)</source>
            <translation>
                <numerusform>one every %Ln day</numerusform>
                <numerusform>one every %Ln days</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>_Counts</name>
        <message numerus="yes">
            <source>%Ln person(s)</source>
            <translation>
                <numerusform>%Ln person</numerusform>
                <numerusform>%Ln people</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln member(s)</source>
            <translation>
                <numerusform>%Ln member</numerusform>
                <numerusform>%Ln members</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>_WhatGoes</name>
        <message numerus="yes">
            <source>%Ln call(s)</source>
            <translation>
                <numerusform>%Ln call</numerusform>
                <numerusform>%Ln calls</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>with %Ln attempt(s) and their notes</source>
            <translation>
                <numerusform>with %Ln attempt and their notes</numerusform>
                <numerusform>with %Ln attempts and their notes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln hand-off(s)</source>
            <translation>
                <numerusform>%Ln hand-off</numerusform>
                <numerusform>%Ln hand-offs</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln event attendance(s)</source>
            <translation>
                <numerusform>%Ln event attendance</numerusform>
                <numerusform>%Ln event attendances</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln renewal(s)</source>
            <translation>
                <numerusform>%Ln renewal</numerusform>
                <numerusform>%Ln renewals</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln edit(s) made by hand</source>
            <translation>
                <numerusform>%Ln edit made by hand</numerusform>
                <numerusform>%Ln edits made by hand</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln record(s) imports keep for undo</source>
            <translation>
                <numerusform>%Ln record imports keep for undo</numerusform>
                <numerusform>%Ln records imports keep for undo</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln imported-row fingerprint(s)</source>
            <translation>
                <numerusform>%Ln imported-row fingerprint</numerusform>
                <numerusform>%Ln imported-row fingerprints</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln partner export(s)</source>
            <translation>
                <numerusform>%Ln partner export</numerusform>
                <numerusform>%Ln partner exports</numerusform>
            </translation>
        </message>
    </context>
</TS>
