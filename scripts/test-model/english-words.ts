// Common English words, most frequent first: the whole-word pieces of the generated vocabularies.
//
// Written out by hand (no download): function words, frequent verbs with their irregular forms,
// and the nouns and adjectives of everyday notes, mail and documents. Regular inflections
// (-s, -ed, -ing, -ly, -er) are added by the vocabulary builder.

const LIST = `
the of and to a in is it you that he was for on are with as i his they be at one have this from
or had by not word but what some we can out other were all there when up use your how said an
each she which do their time if will way about many then them write would like so these her long
make thing see him two has look more day could go come did number sound no most people my over
know water than call first who may down side been now find any new work part take get place made
live where after back little only round man year came show every good me give our under name very
through just form sentence great think say help low line differ turn cause much mean before move
right boy old too same tell does set three want air well also play small end put home read hand
port large spell add even land here must big high such follow act why ask men change went light
kind off need house picture try us again animal point mother world near build self earth father
head stand own page should country found answer school grow study still learn plant cover food
sun four between state keep eye never last let thought city tree cross farm hard start might story
saw far sea draw left late run don't while press close night real life few north open seem together
next white children begin got walk example ease paper group always music those both mark often
letter until mile river car feet care second book carry took science eat room friend began idea
fish mountain stop once base hear horse cut sure watch color face wood main enough plain girl usual
young ready above ever red list though feel talk bird soon body dog family direct pose leave song
measure door product black short numeral class wind question happen complete ship area half rock
order fire south problem piece told knew pass since top whole king space heard best hour better
true during hundred five remember step early hold west ground interest reach fast verb sing listen
six table travel less morning ten simple several vowel toward war lay against pattern slow center
love person money serve appear road map rain rule govern pull cold notice voice unit power town
fine certain fly fall lead cry dark machine note wait plan figure star box noun field rest correct
able pound done beauty drive stood contain front teach week final gave green quick develop ocean
warm free minute strong special mind behind clear tail produce fact street inch multiply nothing
course stay wheel full force blue object decide surface deep moon island foot system busy test
record boat common gold possible plane stead dry wonder laugh thousand ago ran check game shape
equate hot miss brought heat snow tire bring yes distant fill east paint language among grand ball
yet wave drop heart present heavy dance engine position arm wide sail material size vary settle
speak weight general ice matter circle pair include divide syllable felt perhaps pick sudden count
square reason length represent art subject region energy hunt probable bed brother egg ride cell
believe fraction forest sit race window store summer train sleep prove lone leg exercise wall catch
mount wish sky board joy winter sat written wild instrument kept glass grass cow job edge sign visit
past soft fun bright gas weather month million bear finish happy hope flower clothe strange gone
jump baby eight village meet root buy raise solve metal whether push seven paragraph third shall
held hair describe cook floor either result burn hill safe cat century consider type law bit coast
copy phrase silent tall sand soil roll temperature finger industry value fight lie beat excite
natural view sense ear else quite broke case middle kill son lake moment scale loud spring observe
child straight consonant nation dictionary milk speed method organ pay age section dress cloud
surprise quiet stone tiny climb cool design poor lot experiment bottom key iron single stick flat
twenty skin smile crease hole trade melody trip office receive row mouth exact symbol die least
trouble shout except wrote seed tone join suggest clean break lady yard rise bad blow oil blood
touch grew cent mix team wire cost lost brown wear garden equal sent choose fell fit flow fair bank
collect save control decimal gentle woman captain practice separate difficult doctor please protect
noon whose locate ring character insect caught period indicate radio spoke atom human history
effect electric expect crop modern element hit student corner party supply bone rail imagine
provide agree thus capital won't chair danger fruit rich thick soldier process operate guess
necessary sharp wing create neighbor wash bat rather crowd corn compare poem string bell depend
meat rub tube famous dollar stream fear sight thin triangle planet hurry chief colony clock mine tie
enter major fresh search send yellow gun allow print dead spot desert suit current lift rose
arrive master track parent shore division sheet substance favor connect post spend chord fat glad
original share station dad bread charge proper bar offer segment slave duck instant market degree
populate chick dear enemy reply drink occur support speech nature range steam motion path liquid
log meant quotient teeth shell neck oxygen sugar death pretty skill women season solution magnet
silver thank branch match suffix especially fig afraid huge sister steel discuss forward similar
guide experience score apple bought led pitch coat mass card band rope slip win dream evening
condition feed tool total basic smell valley nor double seat continue block chart hat sell success
company subtract event particular deal swim term opposite wife shoe shoulder spread arrange camp
invent cotton born determine quart nine truck noise level chance gather shop stretch throw shine
property column molecule select wrong gray repeat require broad prepare salt nose plural anger
claim continent am is are was were been being has had having does did doing done goes went gone
said says made makes took taken takes gave given gives came comes knew known thought told found
felt kept left meant paid met ran sat set stood understood won wore wrote written spoke spoken
sent spent built bought brought caught taught sold held heard lost led read became become began
begun chose chosen drove driven ate eaten fell fallen forgot forgotten froze got gotten grew grown
hid hidden hung laid lay lent let rode risen saw seen shook shot shown shut sang slept slid struck
swam swung threw thrown woke worn i'm you're we're they're it's that's there's isn't aren't wasn't
weren't haven't hasn't hadn't doesn't didn't can't couldn't shouldn't wouldn't i've i'll i'd
you've you'll we've we'll let's however although because without within across along around
behind below beside beyond inside outside toward towards upon via per against among throughout
despite unless whereas whether yet already almost also always anyway anywhere everywhere
somewhere nowhere perhaps probably maybe really actually basically certainly clearly easily
exactly finally fully generally hardly instead largely likely mainly merely mostly nearly
necessarily normally obviously often only partly possibly quickly rarely recently regularly
relatively seriously simply slightly sometimes soon specifically strongly suddenly therefore
thus today tomorrow tonight yesterday usually very well monday tuesday wednesday thursday friday
saturday sunday january february march april may june july august september october november
december weekend week month year daily weekly monthly annual quarter schedule calendar deadline
appointment meeting call email message reply thanks regards dear hello hi please sorry note notes
todo reminder follow update draft review summary agenda minutes action item items project
projects task tasks team client customer vendor supplier contract agreement lease rent renewal
landlord tenant apartment building flat unit deposit payment invoice receipt bill bills account
accounts balance budget cost costs expense expenses fee fees price prices tax taxes refund
insurance policy claim premium bank loan mortgage interest rate credit debit card transfer salary
income pension savings investment fund funds stock shares dividend portfolio return returns
report reports document documents file files folder page pages section chapter table figure chart
data database server network system software hardware computer laptop phone device app
application website internet online password login user users version release bug bugs issue
issues fix feature features test tests code script build deploy install configure setting
settings option options error errors warning log logs backup storage memory disk cloud service
services support help question questions answer answers problem solution request response access
security privacy permission permissions admin team manager director engineer designer developer
analyst assistant officer staff employee employees colleague colleagues partner partners board
office department company business organization industry market sales marketing product products
plan plans strategy goal goals target targets result results progress status risk risks decision
decisions approval approved proposal offer order orders delivery shipping package address city
street road avenue station airport flight flights hotel booking reservation ticket tickets travel
trip trips visa passport luggage train bus taxi car parking doctor dentist hospital clinic health
medical medicine prescription pharmacy patient symptoms treatment therapy insurance appointment
exercise gym diet weight sleep stress pain blood heart test results vaccine recipe recipes dinner
lunch breakfast coffee tea chicken rice pasta salad soup bread cheese butter eggs milk sugar salt
oil garlic onion tomato potato vegetables fruit apple banana lemon orange chocolate cake wine beer
restaurant kitchen bedroom bathroom garden garage roof heating repair repairs plumber electrician
contractor furniture sofa bed desk chair lamp window door floor wall paint cleaning laundry
groceries shopping gift birthday wedding holiday vacation christmas anniversary party guests
family husband wife son daughter kids children parents mom dad brother sister friend friends
neighbor neighbors school teacher student students class classes homework exam grade university
college course courses degree research paper papers thesis study studies learning lesson lessons
book books article articles blog post posts news story stories history idea ideas thought
thoughts opinion experience example examples reason reasons detail details information knowledge
analysis model models method methods process approach framework structure design pattern quality
performance speed size scale level levels type types kind version versions change changes
difference differences increase decrease growth rate value values amount total number numbers
percent average minimum maximum range limit limits period periods term terms date dates deadline
time times hour hours minute minutes second seconds moment history future past present current
previous next last first final early late recent new old modern important main major minor key
simple complex easy hard difficult possible impossible available free open closed public private
personal professional social local national international global general special specific common
similar different various several certain sure clear full empty large small long short high low
big little good bad better best worse worst great nice fine happy sad tired busy ready able
likely due overdue paid unpaid pending confirmed cancelled scheduled completed required optional
additional extra original final official formal legal financial technical physical mental natural
human real true false wrong right left correct exact direct whole entire single double half
separate related relevant useful helpful interesting important necessary serious strong weak
safe dangerous expensive cheap quick slow fast warm cold hot cool dry wet clean dirty quiet loud
dark light heavy deep wide narrow thick thin hungry sick healthy young older younger beautiful
friendly careful honest proud afraid angry worried excited surprised confused interested
responsible successful effective efficient reliable accurate consistent flexible stable secure
sent received signed submitted attached included provided based located used needed expected
planned reported noted discussed agreed asked told called mentioned suggested recommended
considered decided explained described changed moved added removed updated checked reviewed
tested fixed finished started stopped opened closed returned arrived left visited booked ordered
bought sold paid renewed cancelled confirmed delayed postponed rescheduled forgot remembered
`;

/** Less frequent words of everyday prose and work documents. */
const SECOND_TIER = `
anything everything something nothing anyone everyone someone nobody afternoon evening tonight
weekday midnight sunrise sunset someday meanwhile otherwise whatever whenever wherever whoever
elsewhere nearby overall online offline upstairs downstairs indoors outdoors abroad ahead apart
aside away backward forever further furthermore hence indeed later least likewise moreover
nevertheless nonetheless once overnight rather since somehow therefore thereafter though twice
accept accepted achieve acknowledge acquire adapt address adjust admit adopt advance advise
affect afford aim alert align allocate alter amend analyze announce anticipate apologize apply
appreciate approach approve archive argue arise arrange assemble assess assign assist assume
assure attach attempt attend attract audit authorize avoid await bake balance ban bathe beg
behave belong bend bet bid bind bite blame bless boil book borrow bother bounce bow breathe
brief browse brush bury calculate cancel capture celebrate challenge charge chase chat cheat
cheer chew clarify classify climb coach collapse combine comfort command comment commit
communicate compete compile complain comply compose concentrate concern conclude conduct confirm
confront confuse congratulate connect consent consist consolidate construct consult consume
contact continue contribute convert convince cooperate coordinate cope correspond count crash
crawl credit criticize cure cycle damage debate declare decline decorate dedicate defeat defend
define delay delegate delete deliver demand demonstrate deny depart deposit derive deserve
desire destroy detect devote dial dig dine disagree disappear disappoint discover dislike
dismiss display dispose distinguish distribute disturb dive donate doubt download drag drain
dress drift drill drown earn edit educate elect eliminate embrace emerge emphasize employ enable
encounter encourage endorse enforce engage enhance enjoy enroll ensure entertain escape
establish estimate evaluate evolve examine exceed exchange exclude excuse execute exist expand
explore export expose express extend extract facilitate fail fade fasten fetch file filter
finance fix flash flee float fold forbid forecast forgive format foster frame freeze frighten
fulfill function gain generate glance glow grab grant greet grind guarantee handle hang harm
hate heal hesitate hide highlight hire host hug hurt identify ignore illustrate implement imply
import impose impress improve incorporate increase indicate influence inform inherit initiate
injure insert insist inspect inspire install instruct integrate intend interpret interrupt
introduce invest investigate invite involve iron isolate judge justify kick kiss kneel knit knock
label lack land last launch lean leap lend license limit link load loan lock lodge maintain
manage manufacture marry mask match matter maximize mend merge migrate mind minimize mix modify
monitor motivate mount multiply negotiate nod nominate obey object obtain occupy offend operate
oppose organize overcome overlook owe own pack paint park participate paste pause perceive
perform permit persuade photograph pinch place plug point polish pour practise praise pray
predict prefer prepare preserve pretend prevent print prioritize proceed procure promise promote
pronounce propose prosecute publish punch punish purchase pursue qualify quote rank react realize
recall recognize recommend reconcile recover recruit recycle reduce refer reflect refuse regard
register regret reinforce reject relate relax release rely remain remind remove renew rent
repair repeat replace represent request rescue research resemble reserve reset resign resist
resolve respect respond restore restrict retain retire retrieve reveal reverse revise reward
rid ring rinse risk rob rotate rub ruin rush sack satisfy scan scare scatter scratch scream
screen seal secure seek seize select separate serve settle shake shave shelter shift shiver
shrink sigh sink sketch skip slam slap slice slide smash smoke sneeze solve sort spare spill
spin split sponsor spray squeeze stack stare starve steal steer stem stir store strengthen
stress stretch strike strip strive struggle submit substitute succeed suffer suit summarize
supervise suppose surround survey survive suspect suspend sustain swallow swap swear sweat sweep
swell switch sync tackle tap taste tear tease tend terminate thank thrive tidy tighten tip toss
trace track transfer transform translate transport trap treat trigger trim trust twist type
undergo undertake unite unlock upgrade upload urge utilize vanish verify vote wake wander warn
weigh welcome whisper widen wipe withdraw withstand witness wonder worry wrap yell yield
ability absence academy accent accident accommodation account accuracy achievement acid
activity actor addition administration admission adult advantage adventure advertisement advice
affair agency agent aid aircraft alarm album alcohol alternative ambition ambulance amendment
analysis ancestor angle announcement anxiety apology appeal appetite applicant appliance
appreciation architect architecture argument arrangement arrival article artist aspect
assessment asset assignment assistance association assumption atmosphere attachment attack
attempt attendance attention attitude attorney attraction audience author authority automation
autumn avenue award awareness background bacteria bag bakery balcony bandwidth barrier basement
basket battery battle beach bean beard behavior benefit bicycle bike biology blanket blessing
block boss bottle boundary bowl brain brand breath bridge broadcast browser bucket budget bulb
bulk bullet bundle burden bureau button cabin cabinet cable calendar camera campaign campus
cancer candidate candle cap capacity carbon career carpet cart cash castle category cattle
ceiling celebration cellar cemetery ceremony certificate chain chairman champion channel chaos
chapter charity chemical chemistry chest childhood chip choice church cinema circumstance
citizen civilian claim clause clerk cliff climate clinic closet clothes clothing cluster coach
coalition coin collapse collection collector column combination comedy comfort commander
commerce commission commitment committee commodity communication community comparison
compensation competition complaint component composition compound compromise concept concern
concert conclusion conference confidence configuration conflict confusion congress connection
consequence conservation consideration constitution construction consultant consumer
consumption container content contest context contrast contribution convenience convention
conversation conviction cookie copyright core corporation correspondence cottage council
counsel counter county couple courage court cousin coverage crack craft creature credential
crew crime crisis criteria critic criticism cupboard curiosity currency curriculum curtain
cushion custody custom cycle dairy damage database dealer debt decade deck declaration
decoration defence defense deficit definition delight demand democracy demonstration density
departure dependency deployment depression deputy description desktop destination destruction
detective determination device diagnosis diagram dialogue diamond diary dictionary difficulty
dimension dinner diploma direction disability disaster discipline discount discovery discussion
disease dish dispute distance distinction distribution district diversity divorce domain
donation draft drama drawer drawing driver drug duration dust duty economics economy edition
editor education efficiency effort election electricity elephant elevator embassy emergency
emission emotion emphasis empire employer employment encounter encouragement endpoint enemy
engagement engineering enquiry enterprise entertainment enthusiasm entrance entry envelope
environment episode equation equipment era essay essence estate estimate ethics evaluation
evidence evolution exam examination excellence exception excess exchange excitement excuse
execution executive exhibition existence exit expansion expectation expedition expenditure
experiment expert expertise explanation explosion exposure expression extension extent
facility faculty failure faith fame fantasy fashion fault favour favorite feast federation
feedback feeling fence festival fiction finding firm fitness flag flavour flavor fleet flight
flood flour fluid focus folk footage forum foundation fountain fragment framework franchise
freedom frequency fridge friendship frontier fuel funeral furniture gallery gap gate gateway
gender generation genius genre gesture glimpse glove grain grammar grant graph gratitude grocery
guarantee guard guidance guideline guilt guitar habit hall hallway handful harbor harbour
hardware harvest headline headquarters healthcare hearing heaven height helmet heritage hero
highway hint hobby honey honour honor horizon horror hospitality host household housing hunger
hypothesis identity illness illusion image imagination impact implementation implication
importance impression improvement incentive incident inclusion income independence index
indication individual infant infection inflation influence infrastructure ingredient
inhabitant initiative injury innovation input inquiry insight inspection inspiration
installation instance institute institution instruction insurance integration integrity
intelligence intention interaction interface interior internship interpretation interval
intervention interview introduction invasion invention inventory investigation investor
invitation jacket jail jam jar jeans jewelry journal journalist journey judgment juice jungle
jury justice keyboard kid kilometer kingdom knee knife lab label laboratory ladder landscape
lane laptop laundry lawn lawyer layer leader leadership leaf league lecture legend legislation
leisure liability liberty library licence license lifestyle lifetime limitation lip liquid
literature litigation loan lobby location lock logic loss luck lung magazine mail maintenance
majority makeup management manner manual manuscript margin marriage mayor meal measurement
mechanism media medication membership memo memory mention menu merchant mercy merit mess metaphor
midnight migration milestone military minister ministry minority miracle mirror mission mistake
mixture mobile mode module mom monitor monkey monument mood moral mortgage motivation motor
motorway movement movie mud mug muscle museum mystery myth narrative nephew nerve network
newsletter newspaper niece nightmare node noise nomination notebook notion novel nurse nursery
nut objective obligation observation obstacle occasion occupation offence offer offering
officer operation operator opinion opponent opportunity opposition option orchestra
organisation organization orientation origin outcome outfit outline output owner ownership pace
package pain painting palace panel panic parade paragraph parcel parking parliament participant
participation partnership passage passenger passion password pasta patch patience pavement peace
peak pencil penalty pension pepper percentage perception perfume permission personality
perspective petition phase phenomenon philosophy photo photograph photography phrase physics
pilot pipe pitch pity pizza placement platform playground pleasure plot pocket poetry poison
pole politics poll pollution pool popularity population porch portion portrait possession
possibility poster potential pottery poverty powder practice precision preference pregnancy
preparation presence presentation preservation president pressure prevention pride priest
priority prison prisoner privilege prize procedure proceeds producer production profession
professor profile profit program programme progress prohibition promise promotion proof
proportion proposal prosecution prospect protection protein protest province provision
psychology publication publicity publisher pump punishment purchase purpose puzzle
qualification quantity queen query queue quote rabbit racism radiation railway rally ratio
reaction reader reality realm rear reception recession recipe recipient recognition
recommendation recording recovery recruitment reduction reference referral reflection reform
refrigerator refugee regime regulation rehabilitation relation relationship relative relevance
relief religion reluctance remark remedy removal rental replacement reporter repository
representation representative reputation requirement rescue reservation reserve resident
residence resignation resistance resolution resort resource respect respondent responsibility
restaurant restriction retail retirement retreat revenue review revolution rhythm ribbon rice
rifle rival robot role romance routine royalty rubbish rug ruler rumor sacrifice sake salmon
sample sandwich satellite satisfaction sauce saving scandal scenario scene scheme scholar
scholarship scope scratch screen screenshot sculpture secretary sector segment selection
semester senate senator sensation sensitivity sentiment sequence series session settlement
shadow shame shareholder shelf shift shirt shock shower shortage signal signature significance
silence simulation sink site situation sketch skirt slide slogan smartphone smoke snack socket
sock software solicitor solo sorrow soul source spa specialist species specification spectrum
speculation speaker spending sphere spider spine spirit sponsor spokesperson sport spot
spreadsheet squad stability stadium stage stake stakeholder standard statement statistics
statue steak stick stomach storage storm strain stranger strategy strength stroke structure
studio stuff style subscription subsidy substance suburb successor suggestion suicide suite
sum summit superintendent supermarket supervisor supplement surgeon surgery surplus surprise
survey survival survivor suspect suspicion sweater symptom syndrome tablet tactic talent tank
tape taxpayer teaching technique technology teenager telephone telescope television temple
tenant tendency tennis tension tent territory terror testimony textbook texture theater theatre
theme theory therapist thesis threat threshold throat thumb ticket tide timeline timer tissue
title toast toddler toe toilet tolerance tomato tone tongue tooth topic tourism tourist
tournament towel tower toy trace tradition traffic tragedy trail trailer trainer training trait
transaction transcript transition translation transmission transport transportation trash
treasure treasurer treaty trend trial tribe tribute trick trophy tuition tunnel tutor twin
umbrella uncle undergraduate understanding uniform union universe upgrade usage utility
vacation vacuum validity van variable variation variety vegetable vehicle venue verdict
verification victim victory video viewer village violation violence virtue virus visibility
vision visitor vitamin vocabulary volume volunteer voter voyage wage wallet warehouse warrant
warranty waste wealth weapon webinar website welfare wheat whisky widow width willingness
winner wisdom withdrawal wolf wonder workflow workforce workplace workshop worth wound wrist
writer yoga youth zone
absent absolute abstract abundant academic acceptable accessible accidental adequate adjacent
advanced adverse aesthetic affordable aggressive agricultural alive allergic alternative
amazing ambitious ancient anonymous anxious apparent appropriate approximate arbitrary
artificial asleep attractive authentic automatic average aware awesome awful awkward
bare basic beloved beneficial bitter bizarre blank blind bold boring brave brief brilliant
broken brutal calm capable casual cautious central characteristic charming cheerful chemical
chronic civil classic clever coastal cognitive coherent collective colorful comfortable
commercial comparable compatible competitive comprehensive compulsory conceptual concrete
confident confidential conscious conservative considerable constant constitutional
constructive contemporary content continental continuous contrary controversial convenient
conventional cooperative corporate costly countless crazy creative credible criminal critical
crucial cruel cultural curious cute daily damp decent decisive defensive definite deliberate
delicate delicious delighted democratic dense dependent desirable desperate detailed
determined digital diligent diplomatic disabled distinct diverse domestic dominant dramatic
drunk dual dull dumb dusty dynamic eager economic educational elaborate elderly electoral
electronic elegant eligible embarrassed emotional empirical encouraging endless energetic
enormous enthusiastic environmental equivalent essential ethical ethnic eventual evident evil
exact excellent exceptional excessive exciting exclusive exotic expensive experienced
experimental explicit extensive external extraordinary extreme fabulous faint faithful familiar
famous fantastic fascinating fatal favourable federal feminine fierce filthy financial finite
firm fiscal flat flawed fluent foolish foreign formal former fortunate fragile frank frequent
frustrated functional fundamental funny furious generous genetic genuine gentle giant glorious
gorgeous graceful gradual grateful grave greedy gross guilty handsome harsh hazardous helpless
hidden historic historical holy homeless honest hopeful horrible hostile humble humid humorous
hungry ideal identical idle illegal immediate immense imperial implicit impossible impressive
inadequate incredible independent indirect individual indoor industrial inevitable infinite
informal initial innocent innovative insane insecure intact integral intellectual intense
intensive intentional interactive intermediate internal intimate intuitive invalid invisible
ironic irrelevant isolated jealous joint junior just keen kind lazy lean legitimate lengthy
liberal lifelong limited linear literal literary lively logical lonely loose loyal lucky
luxurious magic magnificent mandatory manual marginal marine marked married massive mature
maximum meaningful mechanical medieval mere messy mild military minimal minimum miserable
mixed mobile moderate modest molecular monthly moral multiple municipal musical mutual mysterious
naive naked narrow nasty native naval neat negative nervous neutral noble nominal notable
novel nuclear numerous objective obscure obvious occasional odd offensive operational optimal
optimistic oral ordinary organic outdoor outstanding overseas overwhelming painful pale
parallel parental partial passionate passive patient peaceful peculiar permanent persistent
pink plain pleasant plenty polite political poor popular portable positive potential powerful
practical precious precise predictable pregnant preliminary premium prepared prescribed
prestigious pretty primary prime primitive principal prior probable productive profitable
profound progressive prominent promising prompt proper proportional prospective protective
proud provincial psychological pure purple quarterly racial radical random rapid rare rational
raw realistic reasonable recent reckless regional regulatory reluctant remarkable remote
renewable repeated representative residential resistant respectful retired reverse rigid
risky robust romantic rough routine royal rude rural sacred satisfied scared scientific
seasonal secondary secret selective sensible sensitive sentimental sequential severe sexual
shallow sharp shiny silent silly sincere skilled sleepy slight smart smooth sober solar solid
sophisticated sore sorry sour spare spatial spectacular spicy spiritual splendid spontaneous
stable static statutory steady steep sticky stiff straightforward strategic strict striking
structural stubborn stunning subsequent substantial subtle suburban successive sudden
sufficient suitable super superb superior supportive supreme surgical surprising suspicious
sustainable sweet swift symbolic sympathetic systematic talented tall tame tender tense
terrible terrific theoretical thorough thoughtful tight tiny tired tough toxic traditional
tragic transparent tremendous tribal tropical troubled typical ugly ultimate unable unaware
uncertain uncomfortable unconscious underground understandable unexpected unfair unfortunate
unhappy uniform unique universal unknown unlikely unnecessary unpleasant unprecedented unusual
upper upset urban urgent useless valid valuable variable vast verbal vertical viable vibrant
vicious vigorous violent virtual visible visual vital vivid vocal voluntary vulnerable warm
wealthy weekly weird welcome western wet wicked widespread wild willing wise wonderful wooden
worldwide worthy wrong yearly
`;

export const COMMON_WORDS: readonly string[] = [
  ...new Set(`${LIST} ${SECOND_TIER}`.split(/\s+/).filter(Boolean)),
];
